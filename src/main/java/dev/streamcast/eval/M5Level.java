package dev.streamcast.eval;

/**
 * The 12 aggregation levels of the M5 accuracy competition (42,840 series on the full data), named and
 * ordered as in the organisers' weights files: each aggregate series is identified by
 * {@code Level_id, Agg_Level_1, Agg_Level_2}, e.g. {@code Level11, CA, FOODS_1_001} or {@code Level12,
 * FOODS_1_001, CA_1}; an unused second key is {@code X}, and level 1's only series is {@code Total, X}.
 */
public enum M5Level {
    TOTAL(1, "Total", null, null),
    STATE(2, "State", Attribute.STATE, null),
    STORE(3, "Store", Attribute.STORE, null),
    CATEGORY(4, "Category", Attribute.CAT, null),
    DEPARTMENT(5, "Department", Attribute.DEPT, null),
    STATE_CATEGORY(6, "State x category", Attribute.STATE, Attribute.CAT),
    STATE_DEPARTMENT(7, "State x department", Attribute.STATE, Attribute.DEPT),
    STORE_CATEGORY(8, "Store x category", Attribute.STORE, Attribute.CAT),
    STORE_DEPARTMENT(9, "Store x department", Attribute.STORE, Attribute.DEPT),
    ITEM(10, "Item", Attribute.ITEM, null),
    ITEM_STATE(11, "Item x state", Attribute.STATE, Attribute.ITEM),
    ITEM_STORE(12, "Item x store", Attribute.ITEM, Attribute.STORE);

    /** The hierarchy columns of a bottom series, in the M5 files' column order. */
    public enum Attribute {
        ITEM("item_id"), DEPT("dept_id"), CAT("cat_id"), STORE("store_id"), STATE("state_id");

        private final String column;

        Attribute(String column) {
            this.column = column;
        }

        /** The column name in the M5 files, e.g. {@code store_id}. */
        public String column() {
            return column;
        }
    }

    /** The organisers' placeholder for an unused key. */
    public static final String NO_KEY = "X";

    private final int number;
    private final String label;
    private final Attribute first;
    private final Attribute second;

    M5Level(int number, String label, Attribute first, Attribute second) {
        this.number = number;
        this.label = label;
        this.first = first;
        this.second = second;
    }

    /** 1..12. */
    public int number() {
        return number;
    }

    /** {@code Level1} .. {@code Level12}, as in the weights files. */
    public String id() {
        return "Level" + number;
    }

    /** A readable name, e.g. {@code Store x department}. */
    public String label() {
        return label;
    }

    /** The attribute giving {@code Agg_Level_1}, or {@code null} for level 1. */
    public Attribute first() {
        return first;
    }

    /** The attribute giving {@code Agg_Level_2}, or {@code null} when it is {@code X}. */
    public Attribute second() {
        return second;
    }
}
