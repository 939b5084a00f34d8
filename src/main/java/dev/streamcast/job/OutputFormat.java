package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The format of the files written below {@code output.path} ({@code output.format}). */
public enum OutputFormat implements ConfigValue {
    /** One JSON object a line. */
    @JsonProperty("jsonl") JSONL("jsonl"),
    /** CSV with a header line. */
    @JsonProperty("csv") CSV("csv");

    private final String configName;

    OutputFormat(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
