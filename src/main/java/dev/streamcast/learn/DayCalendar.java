package dev.streamcast.learn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What is known in advance of each day (M5's {@code calendar.csv}): the SNAP days of each state (US food-stamp
 * days, {@code snap_CA}, {@code snap_TX}, {@code snap_WI}) and the named events ({@code event_name_1},
 * {@code event_name_2}: Christmas, SuperBowl, Mother's day, ...), by epoch day. The pooled learner gives every
 * event two factors of its own, one for the event's day and one for the day before it (its eve: shopping moves
 * ahead of a holiday), numbered {@code 2·name + 0} (eve) and {@code 2·name + 1} (day), names in sorted order.
 * Days outside the calendar, and states it does not name, have no SNAP and no events. Immutable.
 */
public final class DayCalendar implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final int[] NO_EVENTS = new int[0];
    /** No SNAP day and no event anywhere (inputs without a calendar). */
    public static final DayCalendar NONE = new DayCalendar(new String[0], 0, new boolean[0][], new String[0],
            new int[0][]);

    private final String[] states;
    private final int firstDay;
    private final boolean[][] snap;
    private final String[] eventNames;
    private final int[][] events;

    /**
     * @param states     state codes, e.g. CA, TX, WI
     * @param firstDay   epoch day of index 0
     * @param snap       per state, per day from {@code firstDay}: a SNAP day
     * @param eventNames the event names, sorted, distinct
     * @param events     per day from {@code firstDay}: the indices in {@code eventNames} of that day's events
     */
    public DayCalendar(String[] states, int firstDay, boolean[][] snap, String[] eventNames, int[][] events) {
        if (states.length != snap.length) {
            throw new IllegalArgumentException("one SNAP column per state expected");
        }
        for (int i = 1; i < eventNames.length; i++) {
            if (eventNames[i - 1].compareTo(eventNames[i]) >= 0) {
                throw new IllegalArgumentException("event names must be sorted and distinct");
            }
        }
        this.states = states.clone();
        this.firstDay = firstDay;
        this.snap = Arrays.stream(snap).map(boolean[]::clone).toArray(boolean[][]::new);
        this.eventNames = eventNames.clone();
        this.events = Arrays.stream(events).map(int[]::clone).toArray(int[][]::new);
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

    /** Number of event factors: two per event name (its eve and its day). */
    public int eventFactorCount() {
        return 2 * eventNames.length;
    }

    /**
     * The event factors active on {@code epochDay}, ascending: the day factor of each of its events and the eve
     * factor of each event of the next day.
     */
    public int[] eventFactors(int epochDay) {
        int[] today = eventsOn(epochDay);
        int[] tomorrow = eventsOn(epochDay + 1);
        if (today.length == 0 && tomorrow.length == 0) {
            return NO_EVENTS;
        }
        int[] f = new int[today.length + tomorrow.length];
        int n = 0;
        for (int e : tomorrow) {
            f[n++] = 2 * e;
        }
        for (int e : today) {
            f[n++] = 2 * e + 1;
        }
        Arrays.sort(f);
        return f;
    }

    private int[] eventsOn(int epochDay) {
        int k = epochDay - firstDay;
        return k >= 0 && k < events.length ? events[k] : NO_EVENTS;
    }

    /** The states with SNAP columns. */
    public String[] states() {
        return states.clone();
    }

    /** The event names, sorted. */
    public String[] eventNames() {
        return eventNames.clone();
    }

    @Override
    public String toString() {
        return "DayCalendar" + Arrays.toString(states) + ", " + eventNames.length + " events";
    }
}
