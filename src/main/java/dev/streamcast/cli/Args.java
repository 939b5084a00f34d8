package dev.streamcast.cli;

/** Command-line parsing shared by the commands. */
final class Args {
    private Args() {
    }

    /** The value of {@code flag} at {@code args[i]}; a missing value, or another flag in its place, is an error. */
    static String value(String[] args, int i, String flag) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }
}
