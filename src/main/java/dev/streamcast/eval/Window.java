package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;

import java.util.Arrays;

/**
 * A 28-day forecast window of the M5 competition and the submission rows that hold its forecasts:
 * {@link #VALIDATION} d_1914..d_1941 (training through d_1913, public leaderboard) in the {@code _validation}
 * rows; {@link #EVALUATION} d_1942..d_1969 (training through d_1941, private leaderboard) in the
 * {@code _evaluation} rows.
 */
public enum Window {
    VALIDATION("validation", 1914),
    EVALUATION("evaluation", 1942);

    /** Days per window: the submission's F1..F28. */
    public static final int HORIZON = 28;

    private final String name;
    private final int first;

    Window(String name, int first) {
        this.name = name;
        this.first = first;
    }

    /** {@code validation} or {@code evaluation}. */
    public String label() {
        return name;
    }

    /** The id suffix of its submission rows: {@code _validation} or {@code _evaluation}. */
    public String suffix() {
        return "_" + name;
    }

    /** The window's first day (F1). */
    public int firstDay() {
        return first;
    }

    /** The window's last day (F28). */
    public int lastDay() {
        return first + HORIZON - 1;
    }

    /** The last training day, the day before the window. */
    public int trainingEnd() {
        return first - 1;
    }

    /** {@code d_1914..d_1941}. */
    public String days() {
        return M5Calendar.dayName(first) + ".." + M5Calendar.dayName(lastDay());
    }

    /** The window named {@code validation} / {@code evaluation}, or {@code null}. */
    public static Window of(String label) {
        return Arrays.stream(values()).filter(w -> w.name.equals(label)).findFirst().orElse(null);
    }

    /** The window whose submission rows an M5 id of that suffix belongs to, or {@code null}. */
    public static Window ofId(String id) {
        return Arrays.stream(values()).filter(w -> id.endsWith(w.suffix())).findFirst().orElse(null);
    }
}
