package dev.streamcast.job;

/** An enum whose constants are written in job files by a lower-case name such as {@code m5-wide}. */
interface ConfigValue {
    /** The name used in job files. */
    String configName();
}
