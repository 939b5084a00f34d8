package dev.streamcast.cli;

import dev.streamcast.eval.M5DataException;
import dev.streamcast.job.Durations;
import dev.streamcast.job.JobConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The root of the command line, {@code streamcast COMMAND [OPTIONS]}: one picocli subcommand per command, with
 * generated usage, {@code -h}/{@code --help} and {@code -V}/{@code --version} on every one. Exit codes: 0 done
 * (and help, version), 2 a usage error or bad input (one line on stderr, no stack trace), 1 a failure.
 */
@Command(name = "streamcast", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        resourceBundle = "dev.streamcast.version", // build.version, filled in by the build
        version = {"streamcast ${bundle:build.version}", "Java ${sys:java.version} (${sys:java.vm.name})"},
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Online-learning sales forecasting as an Apache Flink streaming job.",
        subcommands = {RunCommand.class, TraceCommand.class, ReplayCommand.class, ReportCommand.class,
                BenchCommand.class, EvaluateCommand.class, BaselineCommand.class, SubmissionCommand.class,
                ServeCommand.class, ServeLoadCommand.class, StateCommand.class},
        footer = {"", "'streamcast COMMAND --help' lists a command's options."})
public final class Cli implements Callable<Integer> {
    /** Exit code of a usage error or bad input. */
    public static final int USAGE = 2;
    /** Exit code of a failure. */
    public static final int FAILED = 1;

    /** Where the commands print their results. */
    final PrintStream out;
    /** Where the commands print progress and errors. */
    final PrintStream err;

    @Spec
    CommandSpec spec;

    private Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} as a command printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli(out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --window validation, --key item, ...
        cl.setOverwrittenOptionsAllowed(true); // an option given twice: the last one counts
        cl.registerConverter(Duration.class, v -> { // every DURATION option: as job files write durations
            try {
                return Durations.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        });
        // run's job-file overrides (--KEY.PATH VALUE) are not declared options: RunCommand reads them in order
        cl.getSubcommands().get(RunCommand.NAME).setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((e, given) -> {
            CommandLine c = e.getCommandLine();
            err.println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, c.getErr());
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UsageException || e instanceof JobConfigException || e instanceof M5DataException) {
                err.println("streamcast: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                err.println("streamcast: " + e);
                return FAILED;
            }
            // an unexpected failure (e.g. a job that failed): the whole story
            err.println("streamcast: failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return cl.execute(args);
    }

    /** {@code streamcast} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return USAGE;
    }
}
