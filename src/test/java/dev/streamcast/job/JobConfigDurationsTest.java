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
            "250µs, PT0.00025S", "7ns, PT0.000000007S", "1500 millis, PT1.5S", "' 10s ', PT10S",
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
                .withMessageContaining("'parsecs'");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("99999999999999999999d"))
                .withMessageContaining("overflow");
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0 ms", "PT10S, 10 s", "PT5M, 5 min", "PT90M, 90 min", "PT24H, 1 d", "PT48H, 2 d", "PT25H, 25 h",
            "PT1.5S, 1500 ms", "PT0.00025S, 250 µs", "PT0.000000007S, 7 ns",
    })
    void formatsInTheLargestWholeUnit(String duration, String expected) {
        Duration d = Duration.parse(duration);

        assertThat(Durations.format(d)).isEqualTo(expected);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest
    @CsvSource({"source.monitorInterval=soon", "source.maxOutOfOrderness=1", "runtime.restartDelay=2 fortnights",
            "runtime.checkpointInterval=on", "output.kafka.transactionTimeout=10"})
    void durationKeysNameTheKeyAndShowTheForm(String override) {
        String key = override.substring(0, override.indexOf('='));
        JobConfigException e = catchThrowableOfType(JobConfigException.class, () -> JobConfig.parse(CSV
                + "output:\n  kafka: {bootstrapServers: 'h:1'}\n", "jobs/x.yaml", List.of(override)));

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith(key + " must be a duration such as 500ms, 10s, 5min, 2h or 1d, or 0 or off")
                .endsWith("(in override '" + override + "')");
    }

    @Test
    void durationKeysInTheFile() {
        JobConfig c = JobConfigTest.parse(CSV + """
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
        assertThat(e.key()).isEqualTo("runtime.checkpointInterval");
        assertThat(e.getMessage()).contains("a duration such as 500ms", "'true'");
    }
}
