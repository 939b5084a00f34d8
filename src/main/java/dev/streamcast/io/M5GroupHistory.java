package dev.streamcast.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamcast.learn.PooledGroup;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.outputs.OutputFileException;
import dev.streamcast.records.GroupTotal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pooled learner's group history ({@code source.groupHistory}): daily units sold per M5 store × department,
 * in the layout of the M5 level-9 aggregates ({@code level9_d1-d1913.csv.gz}: a header naming at least
 * {@code d}, {@code store_id}, {@code dept_id} and {@code units}, any order, other columns ignored; {@code .gz}
 * read as gzip). Read once when the job is built, like the calendar, and fed to the pooled stage as a bounded
 * stream, sorted by group and day. Every row must name a day of the calendar, a store, a department and a whole
 * number of units {@code >= 0}, and no group-day may repeat: anything else stops the job at start with the file,
 * line and reason ({@link Reason#BAD_GROUP_HISTORY}).
 */
public final class M5GroupHistory {
    private M5GroupHistory() {
    }

    /** One row of the file; the other columns are ignored. */
    record Row(@JsonProperty("d") String d, @JsonProperty("store_id") String store,
               @JsonProperty("dept_id") String dept, @JsonProperty("units") Long units) {
    }

    /** Reads {@code file}, dating its {@code d_N} columns with {@code calendar}. */
    public static List<GroupTotal> load(Path file, M5Calendar calendar) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw bad(file, 0, "no such file");
        }
        List<GroupTotal> totals = new ArrayList<>();
        try {
            CommittedOutputs.forEach(file, OutputFormat.CSV, Row.class, (row, f, line) -> {
                if (row.d() == null || row.store() == null || row.dept() == null || row.units() == null) {
                    throw bad(f, line, "columns d, store_id, dept_id and units must all have a value");
                }
                int index;
                try {
                    index = M5Calendar.parseDayName(row.d());
                } catch (IllegalArgumentException e) {
                    throw bad(f, line, "column 'd': " + e.getMessage());
                }
                if (!calendar.contains(index)) {
                    throw bad(f, line, row.d() + " is not in the calendar");
                }
                if (row.units() < 0) {
                    throw bad(f, line, "units must not be negative, got " + row.units());
                }
                totals.add(new GroupTotal(PooledGroup.of(row.store(), row.dept()), calendar.epochDay(index),
                        row.units()));
            });
        } catch (OutputFileException e) {
            throw new M5FormatException(Reason.BAD_GROUP_HISTORY, e.getMessage());
        }
        totals.sort(Comparator.comparing(GroupTotal::group).thenComparingInt(GroupTotal::day));
        for (int i = 1; i < totals.size(); i++) {
            GroupTotal a = totals.get(i - 1);
            GroupTotal b = totals.get(i);
            if (a.group().equals(b.group()) && a.day() == b.day()) {
                throw bad(file, 0, "group " + b.group() + " has two rows for "
                        + M5Calendar.dayName(calendar.dIndexOf(b.day())));
            }
        }
        return totals;
    }

    private static M5FormatException bad(Path file, long line, String message) {
        return new M5FormatException(Reason.BAD_GROUP_HISTORY, file + (line > 0 ? " line " + line : "") + ": " + message);
    }
}
