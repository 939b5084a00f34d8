package dev.streamcast.cli;

import dev.streamcast.job.JobConfig;
import dev.streamcast.job.JobConfigException;
import dev.streamcast.job.StreamcastJob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code streamcast run JOB.yaml [--local] [--KEY.PATH VALUE | --KEY.PATH=VALUE | --set KEY.PATH=VALUE]...}:
 * runs a job file. With {@code --local} the job runs on an embedded cluster with the web UI, progress lines
 * and a summary; without it, on the cluster of {@code flink run} (or a plain local environment).
 */
public final class RunCommand {
    static final String USAGE = "usage: streamcast run JOB.yaml [--local] [--KEY.PATH VALUE]... "
            + "(e.g. --source.path data/x.csv --runtime.parallelism=4)";

    private RunCommand() {
    }

    public static void run(String[] args) throws Exception {
        Parsed p = parse(args);
        JobConfig config;
        try {
            config = JobConfig.load(p.jobFile(), p.overrides());
        } catch (JobConfigException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            StreamcastJob.run(config, p.local(), System.out);
        } catch (JobConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    record Parsed(Path jobFile, boolean local, List<String> overrides) {
    }

    static Parsed parse(String[] args) throws UsageException {
        Path job = null;
        boolean local = false;
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--local")) {
                local = true;
            } else if (a.equals("--set")) {
                overrides.add(Args.value(args, ++i, "--set"));
            } else if (a.startsWith("--") && a.length() > 2) {
                String key = a.substring(2);
                overrides.add(key.contains("=") ? key : key + "=" + Args.value(args, ++i, a));
            } else if (job == null) {
                job = Path.of(a);
            } else {
                throw new UsageException("unexpected argument '" + a + "'\n" + USAGE);
            }
        }
        if (job == null) {
            throw new UsageException("missing JOB.yaml\n" + USAGE);
        }
        if (!Files.isReadable(job)) {
            throw new UsageException("cannot read job file " + job);
        }
        return new Parsed(job, local, overrides);
    }
}
