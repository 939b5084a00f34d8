package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The layout of the input files ({@code source.format}). */
public enum SourceFormat implements ConfigValue {
    /** Kaggle's M5 wide CSV ({@code id,item_id,...,d_1,d_2,...}), dated by a {@code calendar.csv}. */
    @JsonProperty("m5-wide") M5_WIDE("m5-wide"),
    /** Long CSV with the header {@code id,date,y}, one observation a line. */
    @JsonProperty("csv") CSV("csv"),
    /** One JSON object a line: {@code {"id": ..., "date": ..., "y": ...}}. */
    @JsonProperty("jsonl") JSONL("jsonl");

    private final String configName;

    SourceFormat(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
