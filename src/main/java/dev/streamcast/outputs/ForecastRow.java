package dev.streamcast.outputs;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One record of {@code forecasts/} as written ({@code RecordEncoder.forecasts}).
 *
 * @param y   null for a forecast of a day not learned (a request or a horizon forecast)
 * @param rid the request id of the request answered, or null (none given; always null in CSV)
 */
public record ForecastRow(@JsonProperty(value = "id", required = true) String id,
                          @JsonProperty(value = "date", required = true) LocalDate date,
                          @JsonProperty("y") Long y,
                          @JsonProperty("pred_knn") double predKnn,
                          @JsonProperty("pred_lm") double predLm,
                          @JsonProperty("model") String model,
                          @JsonProperty(value = "prediction", required = true) double prediction,
                          @JsonProperty("mae_knn") double maeKnn,
                          @JsonProperty("mae_lm") double maeLm,
                          @JsonProperty("n") long n,
                          @JsonProperty("rid") String rid) {
    public ForecastRow {
        Objects.requireNonNull(id, "id is empty");
        Objects.requireNonNull(date, "date is empty");
    }
}
