package dev.streamcast.outputs;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.Objects;

/** One record of {@code metrics/} as written ({@code RecordEncoder.metrics}): one event-time day. */
public record MetricsRow(@JsonProperty(value = "date", required = true) LocalDate date,
                         @JsonProperty(value = "events", required = true) long events,
                         @JsonProperty(value = "mae_knn", required = true) double maeKnn,
                         @JsonProperty(value = "mae_lm", required = true) double maeLm,
                         @JsonProperty(value = "mae_served", required = true) double maeServed,
                         @JsonProperty(value = "knn_share", required = true) double knnShare) {
    public MetricsRow {
        Objects.requireNonNull(date, "date is empty");
    }
}
