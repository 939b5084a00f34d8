package dev.streamcast;

import dev.streamcast.cli.ReplayCommand;
import dev.streamcast.cli.BaselineCommand;
import dev.streamcast.cli.BenchCommand;
import dev.streamcast.cli.EvaluateCommand;
import dev.streamcast.cli.ReportCommand;
import dev.streamcast.cli.RunCommand;
import dev.streamcast.cli.SubmissionCommand;
import dev.streamcast.cli.TraceCommand;
import dev.streamcast.cli.UsageException;

import java.io.IOException;
import java.util.Arrays;

/** The command-line entry: {@code streamcast <command> [args]}. */
public final class Streamcast {
    static final String USAGE = String.join("\n",
            "usage: streamcast <command> [args]",
            "commands:",
            "  run JOB.yaml [--local] [--KEY.PATH VALUE]...",
            "        run a job file (jobs/*.yaml); --local: embedded cluster with the web UI on localhost:8081",
            "  trace INPUT.csv [--out DIR] [--key series|item] [--features]",
            "        replay a long CSV (id,date,y) through the learners; write trace.csv and summary.csv",
            "  replay INPUT --topic TOPIC [--bootstrap-servers HOST:PORT] [--calendar calendar.csv]",
            "         [--first-day d_N] [--last-day d_N] [--rate EVENTS_PER_S] [--partitions N] [--property K=V]...",
            "        publish M5 data (wide file or long CSV) to a Kafka topic as JSON events, in date order",
            "  report --input OUTPUT_DIR [--format jsonl|csv] --out REPORT_DIR [--evaluation EVALUATION.json]",
            "        an HTML report with charts of a run's outputs (MAE over time, knn share, chosen series)",
            "  bench [--backends hashmap,rocksdb] [--series 1000,10000,30490] [--events N] [--runs R] ...",
            "        the job benchmark: synthetic M5-scale input on a MiniCluster, events/s and checkpoint figures",
            "  evaluate SUBMISSION.csv --m5 DIR --window validation|evaluation [--json FILE]",
            "        score a Kaggle submission with the M5 metric (WRMSSE): score, per-level table, per-series JSON",
            "  baseline --m5 DIR [--window validation|evaluation|both] [--out DIR]",
            "        write and score the naive, seasonal naive, zeros and 28-day moving average submissions",
            "  submission FORECASTS --m5 DIR --window validation|evaluation|both [--out S.csv] [--evaluate]",
            "        turn a job's forecast outputs into a Kaggle submission",
            "  (COMMAND --help lists a command's options)");

    private Streamcast() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Exception e) {
            // an unexpected failure (e.g. a job that failed): report it and exit, even if threads linger
            System.err.println("streamcast: failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /** Runs a command; returns the process exit code (0 ok, 2 usage or input error). */
    public static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "run" -> RunCommand.run(rest);
                case "bench" -> BenchCommand.run(rest);
                case "trace" -> TraceCommand.run(rest);
                case "replay" -> ReplayCommand.run(rest);
                case "report" -> ReportCommand.run(rest);
                case "evaluate" -> EvaluateCommand.run(rest);
                case "baseline" -> BaselineCommand.run(rest);
                case "submission" -> SubmissionCommand.run(rest);
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + USAGE);
            }
            return 0;
        } catch (UsageException e) {
            System.err.println("streamcast: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("streamcast: " + e);
            return 1;
        }
    }
}
