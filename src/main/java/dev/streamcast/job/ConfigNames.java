package dev.streamcast.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Names of enum constants as job files write them. */
final class ConfigNames {
    private ConfigNames() {
    }

    /** The job-file name of a constant: its {@link ConfigValue#configName()}, else its lower-cased name. */
    static String of(Enum<?> value) {
        return value instanceof ConfigValue v ? v.configName() : value.name().toLowerCase(Locale.ROOT);
    }

    /** The allowed names, comma-separated, in declaration order: {@code rocksdb, hashmap}. */
    static String allowed(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> of((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }
}
