package dev.streamcast.io;

import dev.streamcast.records.DailyMetrics;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.ForecastRecord;
import dev.streamcast.records.LateEvent;
import dev.streamcast.records.SalesEvent;
import dev.streamcast.records.SeriesSnapshot;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Writes output records as text lines, JSON or CSV, with the same field names in both. Doubles print as
 * the shortest text that reads back to the same double ({@link PyFloat}); dates as YYYY-MM-DD; a request's
 * missing y as {@code null} (JSON) or an empty field (CSV). A forecast that answers a request with a request id has
 * one more JSON field, {@code "rid"}, after the others; without one the line is as it always was. CSV columns are
 * fixed by the header, so CSV output does not carry request ids (ask for JSON lines to get them).
 */
public final class RecordEncoder<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Writes one record's fields in column order. */
    @FunctionalInterface
    public interface Fields<T> extends Serializable {
        void write(T record, Line line);
    }

    private final OutputFormat format;
    private final String[] columns;
    private final Fields<T> fields;

    public RecordEncoder(OutputFormat format, String[] columns, Fields<T> fields) {
        this.format = format;
        this.columns = columns.clone();
        this.fields = fields;
    }

    public static RecordEncoder<ForecastRecord> forecasts(OutputFormat format) {
        return new RecordEncoder<>(format, new String[] {"id", "date", "y", "pred_knn", "pred_lm", "model",
            "prediction", "mae_knn", "mae_lm", "n"}, (r, l) -> l.text(r.id()).date(r.day())
                .count(r.isRequest() ? null : (long) r.y()).number(r.predKnn()).number(r.predLm())
                .text(r.model().label()).number(r.prediction()).number(r.maeKnn()).number(r.maeLm()).count(r.n())
                .optionalText("rid", r.rid()));
    }

    public static RecordEncoder<DailyMetrics> metrics(OutputFormat format) {
        return new RecordEncoder<>(format, new String[] {"date", "events", "mae_knn", "mae_lm", "mae_served",
            "knn_share"}, (r, l) -> l.date(r.day()).count(r.events()).number(r.maeKnn()).number(r.maeLm())
                .number(r.maeServed()).number(r.knnShare()));
    }

    public static RecordEncoder<SeriesSnapshot> series(OutputFormat format) {
        return new RecordEncoder<>(format, new String[] {"key", "date", "n", "mae_knn", "mae_lm", "chosen"},
                (r, l) -> l.text(r.key()).date(r.day()).count(r.n()).number(r.maeKnn()).number(r.maeLm())
                        .text(r.chosen().label()));
    }

    public static RecordEncoder<DeadLetter> deadLetters(OutputFormat format) {
        return new RecordEncoder<>(format, new String[] {"source", "line", "reason", "message", "raw"},
                (r, l) -> l.text(r.source()).count(r.line()).text(r.reason()).text(r.message()).text(r.raw()));
    }

    public static RecordEncoder<LateEvent> late(OutputFormat format) {
        return new RecordEncoder<>(format, new String[] {"id", "date", "y", "last_date", "reason"},
                (r, l) -> l.text(r.id()).date(r.day()).count(r.y() == SalesEvent.NO_VALUE ? null : (long) r.y())
                        .date(r.lastDay()).text(r.reason()));
    }

    public OutputFormat format() {
        return format;
    }

    /** The CSV header line (without line end), or {@code null} for JSON lines. */
    public String header() {
        return format == OutputFormat.CSV ? String.join(",", columns) : null;
    }

    /** One record as one line, without line end. */
    public String encode(T record) {
        Line line = new Line(format, columns);
        fields.write(record, line);
        return line.finish();
    }

    /** Builds one output line field by field. */
    public static final class Line {
        private final StringBuilder sb = new StringBuilder(256); // a forecast line is about 225 characters
        private final OutputFormat format;
        private final String[] columns;
        private int index;

        Line(OutputFormat format, String[] columns) {
            this.format = format;
            this.columns = columns;
            if (format == OutputFormat.JSONL) {
                sb.append('{');
            }
        }

        private void next() {
            if (index >= columns.length) {
                throw new IllegalStateException("more fields than columns");
            }
            if (format == OutputFormat.JSONL) {
                if (index > 0) {
                    sb.append(',');
                }
                sb.append('"').append(columns[index]).append("\":");
            } else if (index > 0) {
                sb.append(',');
            }
            index++;
        }

        public Line text(String s) {
            next();
            if (format == OutputFormat.JSONL) {
                jsonString(s);
            } else {
                csvField(s);
            }
            return this;
        }

        public Line date(int epochDay) {
            next();
            String d = LocalDate.ofEpochDay(epochDay).toString();
            if (format == OutputFormat.JSONL) {
                sb.append('"').append(d).append('"');
            } else {
                sb.append(d);
            }
            return this;
        }

        public Line count(Long v) {
            next();
            if (v != null) {
                sb.append(v.longValue());
            } else if (format == OutputFormat.JSONL) {
                sb.append("null");
            }
            return this;
        }

        public Line number(double v) {
            next();
            if (format == OutputFormat.JSONL && !Double.isFinite(v)) {
                sb.append("null"); // JSON has no NaN or infinity
            } else {
                sb.append(PyFloat.format(v));
            }
            return this;
        }

        /**
         * After all columns: a JSON field {@code name} with {@code s}, if {@code s} is not null; nothing in CSV,
         * whose columns the header fixes.
         */
        public Line optionalText(String name, String s) {
            if (index != columns.length) {
                throw new IllegalStateException("an optional field goes after all " + columns.length + " columns");
            }
            if (s != null && format == OutputFormat.JSONL) {
                sb.append(",\"").append(name).append("\":");
                jsonString(s);
            }
            return this;
        }

        String finish() {
            if (index != columns.length) {
                throw new IllegalStateException("wrote " + index + " of " + columns.length + " fields");
            }
            if (format == OutputFormat.JSONL) {
                sb.append('}');
            }
            return sb.toString();
        }

        private void jsonString(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        private void csvField(String s) {
            boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                    || s.indexOf('\r') >= 0;
            if (!quote) {
                sb.append(s);
                return;
            }
            sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
    }
}
