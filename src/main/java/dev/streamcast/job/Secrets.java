package dev.streamcast.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which configuration values are secrets (passwords, keys, JAAS configurations, tokens), so that they are never
 * logged or printed: {@link JobConfig#toYaml()}, the {@code toString} of the config records and the startup log
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

    /** Replaces, in place, every text value of a secret key anywhere in {@code tree} by {@link #MASK}. */
    static JsonNode mask(JsonNode tree) {
        tree.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() && isSecret(e.getKey())) {
                ((ObjectNode) tree).put(e.getKey(), MASK);
            } else {
                mask(e.getValue());
            }
        });
        return tree;
    }

    /** A config record as one line of JSON, secret values masked: its {@code toString}. */
    static String toString(Object config) {
        return mask(JobConfigYaml.MAPPER.valueToTree(config)).toString();
    }
}
