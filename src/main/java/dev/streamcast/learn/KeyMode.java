package dev.streamcast.learn;

/**
 * How events are grouped into models. The seed's notebook keeps one pipeline pair per series
 * ({@code FOODS_3_090_CA_3}: 30,490 models on M5); its README's variant keeps one per item
 * ({@code FOODS_3_090}: 3,049 models, shared by the item's stores).
 */
public enum KeyMode {
    /** The first five {@code _}-tokens of the id: item and store (the default, the seed's notebook). */
    SERIES(5),
    /** The first three {@code _}-tokens of the id: the item (the seed README's variant). */
    ITEM(3);

    private final int tokens;

    KeyMode(int tokens) {
        this.tokens = tokens;
    }

    /**
     * The model key of an id such as {@code FOODS_3_090_CA_3_validation}: its first tokens joined by
     * {@code _}; an id with fewer tokens is its own key (as Python's slicing does).
     */
    public String keyOf(String id) {
        int cut = -1;
        for (int i = 0; i < tokens; i++) {
            cut = id.indexOf('_', cut + 1);
            if (cut < 0) {
                return id;
            }
        }
        return id.substring(0, cut);
    }
}
