package dev.streamcast.learn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The SNAP days of each state (US food-stamp days, M5's {@code snap_CA}, {@code snap_TX}, {@code snap_WI}), by
 * epoch day. Days outside the calendar, and states it does not name, are not SNAP days. Immutable.
 */
public final class SnapCalendar implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No SNAP day anywhere (inputs without a calendar). */
    public static final SnapCalendar NONE = new SnapCalendar(new String[0], 0, new boolean[0][]);

    private final String[] states;
    private final int firstDay;
    private final boolean[][] snap;

    /**
     * @param states   state codes, e.g. CA, TX, WI
     * @param firstDay epoch day of index 0
     * @param snap     per state, per day from {@code firstDay}: a SNAP day
     */
    public SnapCalendar(String[] states, int firstDay, boolean[][] snap) {
        if (states.length != snap.length) {
            throw new IllegalArgumentException("one SNAP column per state expected");
        }
        this.states = states.clone();
        this.firstDay = firstDay;
        this.snap = new boolean[snap.length][];
        for (int i = 0; i < snap.length; i++) {
            this.snap[i] = snap[i].clone();
        }
    }

    /** True if {@code epochDay} is a SNAP day in {@code state}. */
    public boolean isSnap(String state, int epochDay) {
        for (int i = 0; i < states.length; i++) {
            if (states[i].equals(state)) {
                int k = epochDay - firstDay;
                return k >= 0 && k < snap[i].length && snap[i][k];
            }
        }
        return false;
    }

    /** The states with SNAP columns. */
    public String[] states() {
        return states.clone();
    }

    @Override
    public String toString() {
        return "SnapCalendar" + Arrays.toString(states);
    }
}
