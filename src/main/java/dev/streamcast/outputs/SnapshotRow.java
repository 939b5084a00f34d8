package dev.streamcast.outputs;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.Objects;

/** One record of {@code series/} as written ({@code RecordEncoder.series}): a model's state at a day. */
public record SnapshotRow(@JsonProperty(value = "key", required = true) String key,
                          @JsonProperty(value = "date", required = true) LocalDate date,
                          @JsonProperty(value = "n", required = true) long n,
                          @JsonProperty("mae_knn") double maeKnn,
                          @JsonProperty("mae_lm") double maeLm,
                          @JsonProperty(value = "chosen", required = true) String chosen) {
    public SnapshotRow {
        Objects.requireNonNull(key, "key is empty");
        Objects.requireNonNull(date, "date is empty");
        Objects.requireNonNull(chosen, "chosen is empty");
    }
}
