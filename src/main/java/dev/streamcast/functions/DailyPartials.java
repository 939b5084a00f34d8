package dev.streamcast.functions;

import dev.streamcast.records.ForecastRecord;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One learn subtask's daily-metrics sums not yet sent on: the learn operator adds every observation here and
 * sends one {@link DailyMetricsAggregate.Accumulator} per day downstream before each watermark it forwards and
 * before each checkpoint barrier, instead of one record per observation. The daily-metrics window merges them
 * (its sums are exact, so the result does not depend on how observations were grouped); sent before the
 * watermark that could close their window, they are as timely as the observations themselves were.
 *
 * <p>Sums are kept per day and per event-time window (the record's timestamp), the two things the window
 * groups by, so nothing is merged that the window would have kept apart. Not state: it is empty at every
 * checkpoint barrier.
 */
final class DailyPartials {
    /** Key: the record's day in the high half, its timestamp's day in the low half. */
    private final TreeMap<Long, DailyMetricsAggregate.Accumulator> sums = new TreeMap<>();
    /** The last key added to and its sums: observations come day after day, most of them to the same key. */
    private long lastKey;
    private DailyMetricsAggregate.Accumulator last;

    /** Adds an observation whose output record has {@code timestamp}. */
    void add(ForecastRecord observation, long timestamp) {
        long window = Math.floorDiv(timestamp, LearnFunction.DAY_MS);
        long key = ((long) observation.day() << 32) | (window & 0xFFFF_FFFFL);
        if (last == null || key != lastKey) {
            last = sums.computeIfAbsent(key, k -> new DailyMetricsAggregate.Accumulator());
            lastKey = key;
        }
        DailyMetricsAggregate.addObservation(observation, last);
    }

    /** Sends each day's sums with a timestamp of its window, in key order, and forgets them. */
    void flush(BiConsumer<DailyMetricsAggregate.Accumulator, Long> send) {
        for (Map.Entry<Long, DailyMetricsAggregate.Accumulator> e : sums.entrySet()) {
            send.accept(e.getValue(), (long) (int) e.getKey().longValue() * LearnFunction.DAY_MS);
        }
        sums.clear();
        last = null;
    }
}
