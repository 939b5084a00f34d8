package dev.streamcast.state;

import dev.streamcast.records.SalesEvent;

/**
 * Everything the learn operator keeps for one model key, as {@code state drop} and {@code state rescale} carry it
 * from a savepoint to a new one: the model's bytes and its serializer's configuration (parameters and key mode),
 * the reordering buffer's observations, the TTL expiry, and the key's event- and processing-time timers.
 *
 * @param key              the model key
 * @param serializer       the job's model serializer (of the model's parameters and key mode), Java-serialized;
 *                         null without a model
 * @param model            the model as that serializer writes it (the current layout); null if the key has only
 *                         buffered observations
 * @param pending          the observations in a series' reordering buffer
 * @param pendingItem      the observations in an item's reordering buffer
 * @param expiry           the TTL expiry time, or null
 * @param eventTimers      the key's event-time timers
 * @param processingTimers the key's processing-time timers
 */
public record LearnKeyState(String key, byte[] serializer, byte[] model, SalesEvent[] pending,
                            SalesEvent[] pendingItem, Long expiry,
                            long[] eventTimers, long[] processingTimers) {
}
