package dev.streamcast.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The layout of the input files ({@code source.format}). */
public enum SourceFormat {
    /** Kaggle's M5 wide CSV ({@code id,item_id,...,d_1,d_2,...}), dated by a {@code calendar.csv}. */
    @JsonProperty("m5-wide") M5_WIDE,
    /** Long CSV with the header {@code id,date,y}, one observation a line. */
    CSV,
    /** One JSON object a line: {@code {"id": ..., "date": ..., "y": ...}}. */
    JSONL
}
