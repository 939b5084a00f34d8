package dev.streamcast.cli;

import dev.streamcast.job.JobConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The job file and its {@code --set} overrides, a mixin of the commands that read a job file but do not run it. */
final class JobFile {
    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "the job file")
    Path path;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "override a key of the job file")
    List<String> set = new ArrayList<>();

    /** The job file with the overrides applied. */
    JobConfig load() throws UsageException {
        return JobConfig.load(UsageException.readable(path, "job file"), set);
    }
}
