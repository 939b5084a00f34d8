package dev.streamcast.job;

/**
 * A job file or command-line override that cannot be used. The message is the one line a user sees: it
 * names the key by its full dotted path (e.g. {@code runtime.stateBackend}) and, where there is a choice,
 * the allowed values or keys.
 */
public final class JobConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the offending key as a dotted path ({@code source.path}, {@code model.itemWindows[2]}),
     *                or {@code null} when the problem is not about one key (an unreadable file, bad YAML)
     * @param message the complete one-line message
     */
    public JobConfigException(String key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    /** The offending key as a dotted path, or {@code null} if the problem is not about one key. */
    public String key() {
        return key;
    }
}
