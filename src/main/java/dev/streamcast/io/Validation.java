package dev.streamcast.io;

import java.io.Serializable;

/**
 * How strictly input records are checked beyond what every record must satisfy: the job file's
 * {@code source.requireM5Ids} and {@code source.strict}. Every parser takes one, so the same rules hold for every
 * source (files of each format, Kafka records).
 *
 * @param requireM5Ids reject ({@link Reason#BAD_ID}) an id not of the M5 shape (see {@link EventParser#isM5Id}); in
 *                     M5 wide rows, also one that disagrees with the row's item, dept, cat, store or state column
 * @param strict       reject ({@link Reason#UNKNOWN_FIELD}) a JSON record with a field other than {@code id},
 *                     {@code date} and {@code y}; when not set such fields are ignored (producers may add fields).
 *                     The CSV and M5 wide layouts have no optional parts, so this changes nothing there.
 */
public record Validation(boolean requireM5Ids, boolean strict) implements Serializable {
    /** The defaults: any well-formed id, unknown JSON fields ignored. */
    public static final Validation LENIENT = new Validation(false, false);
}
