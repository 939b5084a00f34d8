package dev.streamcast.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Durations in job files ({@link Durations}) and the duration keys. */
class JobConfigDurationsTest {
    static final String CSV = "source:\n  format: csv\n  path: x.csv\n";

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S", "10s, PT10S", "5min, PT5M", "5m, PT5M", "2h, PT2H", "1d, PT24H", "0d, PT0S", "0, PT0S",
            "30 s, PT30S", "1 MIN, PT1M", "3 days, PT72H", "2 hours, PT2H", "90 seconds, PT1M30S",
            "250us, PT0.00025S", "250µs, PT0.00025S", "7ns, PT0.000000007S", "1500 millis, PT1.5S", "' 10s ', PT10S",
    })
    void parsesFlinkStyleDurations(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "s", "10", "-1s", "1.5s", "10 parsecs", "1s2", "PT10S", "10s 5ms",
            "99999999999999999999d"})
    void rejectsGarbage(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessageStartingWith("must be a duration such as 500ms, 10s, 5min, 2h or 1d; got '" + text + "'");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("10"))
                .withMessageEndingWith("(a unit is required, e.g. '10ms' or '10s')");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("10 parsecs"))
                .withMessageEndingWith("(unknown unit 'parsecs'; units: d, h, min, s, ms, us, ns)");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("99999999999999999999d"))
                .withMessageEndingWith("(too large)");
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0s", "PT10S, 10s", "PT5M, 5min", "PT90M, 90min", "PT24H, 1d", "PT48H, 2d", "PT25H, 25h",
            "PT1.5S, 1500ms", "PT0.00025S, 250us", "PT0.000000007S, 7ns",
    })
    void formatsInTheLargestWholeUnit(String duration, String expected) {
        Duration d = Duration.parse(duration);

        assertThat(Durations.format(d)).isEqualTo(expected);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.monitorInterval=soon     | source.monitorInterval must be a duration such as 500ms, 10s, 5min, 2h or 1d; got 'soon'",
            "source.maxOutOfOrderness=1      | source.maxOutOfOrderness must be a duration such as 500ms, 10s, 5min, 2h or 1d; got '1' (a unit is required, e.g. '1ms' or '1s')",
            "runtime.restartDelay=2 fortnights | runtime.restartDelay must be a duration such as 500ms, 10s, 5min, 2h or 1d; got '2 fortnights' (unknown unit 'fortnights'; units: d, h, min, s, ms, us, ns)",
            "runtime.checkpointInterval=on   | runtime.checkpointInterval must be a duration such as 500ms, 10s, 5min, 2h or 1d, or 0 or off to disable checkpointing; got 'on'",
            "source.monitorInterval=0s       | source.monitorInterval must be greater than 0 (leave it out for a bounded run); got 0s",
    })
    void durationKeysNameTheKey(String override, String message) {
        JobConfigException e = catchThrowableOfType(JobConfigException.class,
                () -> JobConfig.parse(CSV, "jobs/x.yaml", List.of(override)));

        assertThat(e.getMessage()).isEqualTo(message + " (in override '" + override + "')");
        assertThat(message).startsWith(e.key() + " ");
    }

    @Test
    void durationKeysInTheFile() {
        JobConfig c = JobConfig.parse(CSV + """
                  monitorInterval: 250ms
                  maxOutOfOrderness: 1d
                runtime:
                  checkpointInterval: 2 min
                  restartDelay: 0
                """);

        assertThat(c.source().monitorInterval()).contains(Duration.ofMillis(250));
        assertThat(c.source().maxOutOfOrderness()).isEqualTo(Duration.ofDays(1));
        assertThat(c.runtime().checkpointInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.runtime().restartDelay()).isZero();

        JobConfigException e = catchThrowableOfType(JobConfigException.class,
                () -> JobConfig.parse(CSV + "runtime:\n  checkpointInterval: yes\n", "jobs/x.yaml", List.of()));
        assertThat(e.getMessage()).isEqualTo("runtime.checkpointInterval must be a duration such as 500ms, 10s, 5min, "
                + "2h or 1d, or 0 or off to disable checkpointing; got 'true' (in jobs/x.yaml)");
    }
}
