package dev.streamcast.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real M5 files bundled in the repository (data/m5), read without the classes under test. */
final class M5TestFiles {
    static final Path DIR = Path.of("data", "m5");
    static final Path CALENDAR = DIR.resolve("calendar.csv");
    static final Path SALES = DIR.resolve("sales_subset.csv");

    private M5TestFiles() {
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** d_N name to date, straight from calendar.csv's 'd' and 'date' columns (found by name). */
    static Map<String, LocalDate> calendarDates() {
        List<String> lines = lines(CALENDAR);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int dateCol = header.indexOf("date");
        int dCol = header.indexOf("d");
        Map<String, LocalDate> dates = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            dates.put(f[dCol], LocalDate.parse(f[dateCol]));
        }
        return dates;
    }
}
