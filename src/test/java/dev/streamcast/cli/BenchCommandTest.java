package dev.streamcast.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The job benchmark runs its real dataflow and prints one row per setup, with the load it ran under. */
class BenchCommandTest {
    @Test
    void aSmallRunWithoutWarmUpPrintsItsRowWithLoadAndPeakMemory() {
        CliRun run = CliRun.of("bench", "--backends", "hashmap", "--series", "50", "--events", "3000", "--runs", "1",
                "--no-warm-up", "--checkpoint-interval", "200ms");
        assertThat(run.code()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("1 measured runs per row;").doesNotContain("warm-up");
        assertThat(lines.get(1)).contains("events/s", "load", "peak MB");
        assertThat(lines).hasSize(3);
        // hashmap seed 50 60 2 discard | rate min max | ckpts ... | load->load peak
        assertThat(lines.get(2)).matches("hashmap\\s+seed\\s+50\\s+60\\s+2\\s+discard \\|\\s+[0-9,]+\\s+[0-9,]+\\s+"
                + "[0-9,]+ \\|.*\\| +-?[0-9.]+->-?[0-9.]+ +([0-9]+|-)");
    }
}
