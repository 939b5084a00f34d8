package dev.streamcast.functions;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The event-time lag gauge: days the watermark trails the newest event, as a bounded-out-of-orderness source sets it. */
class EventTimeLagTest {
    static final int DAY0 = (int) LocalDate.of(2016, 3, 1).toEpochDay();
    static final long DAY = LearnFunction.DAY_MS;

    /** The watermark Flink's bounded-out-of-orderness strategy emits after an event of {@code day}. */
    static long watermarkAfter(int day, int slackDays) {
        return day * DAY - slackDays * DAY - 1;
    }

    @Test
    void zeroBeforeTheFirstEvent() {
        assertThat(new EventTimeLag().getValue()).isZero();
    }

    @Test
    void settlesAtTheWatermarkSlackWhileTheInputKeepsUp() {
        for (int slack : new int[] {0, 1, 3}) {
            EventTimeLag lag = new EventTimeLag();
            for (int d = 0; d < 10; d++) {
                // the operator sees the watermark of the events before this one
                lag.observe(DAY0 + d, d == 0 ? Long.MIN_VALUE : watermarkAfter(DAY0 + d - 1, slack));
            }
            lag.watermark(watermarkAfter(DAY0 + 9, slack));
            assertThat(lag.getValue()).as("slack %d days", slack).isEqualTo(slack);
        }
    }

    @Test
    void growsWhileTheWatermarkIsHeldBack() {
        EventTimeLag lag = new EventTimeLag();
        lag.observe(DAY0, Long.MIN_VALUE);
        lag.watermark(watermarkAfter(DAY0, 0));
        lag.observe(DAY0 + 6, watermarkAfter(DAY0, 0)); // six days on, the watermark still at day 0
        assertThat(lag.getValue()).isEqualTo(6);
    }

    @Test
    void withoutAnyWatermarkEveryDaySeenIsOpen() {
        EventTimeLag lag = new EventTimeLag();
        lag.observe(DAY0 + 4, Long.MIN_VALUE);
        lag.observe(DAY0, Long.MIN_VALUE);
        lag.observe(DAY0 + 2, Long.MIN_VALUE);
        assertThat(lag.getValue()).isEqualTo(5);
    }

    @Test
    void zeroOnceTheWatermarkHasPassedEverything() {
        EventTimeLag lag = new EventTimeLag();
        lag.observe(DAY0, Long.MIN_VALUE);
        lag.observe(DAY0 + 30, Long.MIN_VALUE);
        lag.watermark(Long.MAX_VALUE); // the end of a bounded input
        assertThat(lag.getValue()).isZero();
    }
}
