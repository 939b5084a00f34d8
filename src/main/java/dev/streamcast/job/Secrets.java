package dev.streamcast.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which configuration values are secrets (passwords, keys, JAAS configurations, tokens), so that they are never
 * logged or printed: {@link JobConfig#toYaml()}, the {@code toString} of the Kafka sections and the startup log
 * show {@link #MASK} instead.
 */
public final class Secrets {
    /** What a secret value is shown as. */
    public static final String MASK = "******";

    /**
     * Key fragments of secret values: Kafka's {@code ssl.key.password}, {@code ssl.keystore.password},
     * {@code ssl.keystore.key}, {@code ssl.truststore.password}, {@code sasl.jaas.config},
     * {@code sasl.oauthbearer.*token*}, {@code basic.auth.user.info}; Flink's {@code s3.secret-key} and the like.
     */
    private static final Pattern SECRET = Pattern.compile(
            ".*(password|passwd|secret|jaas|ssl\\.key|keystore\\.key|credential|token|auth\\.user\\.info|"
                    + "api[._-]?key|private[._-]?key|access[._-]?key).*");

    private Secrets() {
    }

    /** True if the value of {@code key} must never be shown. */
    public static boolean isSecret(String key) {
        return key != null && SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** The value to show for {@code key}: the value itself, or {@link #MASK} for a secret. */
    public static String shown(String key, String value) {
        return isSecret(key) ? MASK : value;
    }

    /** A copy of {@code properties} with the secret values masked, in the same order. */
    public static Map<String, String> masked(Map<String, String> properties) {
        Map<String, String> m = new LinkedHashMap<>();
        properties.forEach((k, v) -> m.put(k, shown(k, v)));
        return m;
    }
}
