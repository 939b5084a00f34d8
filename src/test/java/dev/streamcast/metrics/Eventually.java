package dev.streamcast.metrics;

import java.time.Duration;

/**
 * Retries a block of assertions until it passes or a deadline passes, then rethrows its last failure: for
 * values that a running job reports with some delay (metrics travel through Flink's metric fetcher). The
 * assertions decide the outcome; the waiting only gives the job time.
 */
public final class Eventually {
    private Eventually() {
    }

    /** A block of assertions that may also throw checked exceptions. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    public static void within(Duration timeout, Duration pause, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(pause.toMillis());
        }
    }
}
