package dev.streamcast.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sell prices ({@code sell_prices.csv}: {@code store_id,item_id,wm_yr_wk,sell_price}, plain or
 * {@code .gz}) of the series of an {@link M5Sales} in a run of weeks: only those rows are kept, so the full file
 * (6.8 M rows) streams through in a few seconds. A missing price means the item was not on sale in that
 * store that week.
 */
public final class SellPrices {
    private final int firstWeek;
    private final int weekCount;
    private final double[] prices; // [series * weekCount + (week - firstWeek)], NaN = no price

    private SellPrices(int firstWeek, int weekCount, double[] prices) {
        this.firstWeek = firstWeek;
        this.weekCount = weekCount;
        this.prices = prices;
    }

    /**
     * Reads the prices of the series in {@code sales} for the weeks {@code firstWeek..lastWeek} (wm_yr_wk
     * values; Walmart weeks run 11101..11152, 11201.., so the run may hold unused numbers).
     */
    public static SellPrices load(Path file, M5Sales sales, int firstWeek, int lastWeek)
            throws IOException, M5DataException {
        int weekCount = lastWeek - firstWeek + 1;
        double[] prices = new double[sales.size() * weekCount];
        Arrays.fill(prices, Double.NaN);
        Map<String, Integer> byKey = new HashMap<>(sales.size() * 2);
        for (int s = 0; s < sales.size(); s++) {
            byKey.put(sales.key(s), s);
        }
        try (BufferedReader in = TextFiles.open(file)) {
            String header = in.readLine();
            String[] names = header == null ? new String[0] : TextFiles.splitUnquote(header);
            List<String> columns = Arrays.asList(names);
            int store = columns.indexOf("store_id");
            int item = columns.indexOf("item_id");
            int week = columns.indexOf("wm_yr_wk");
            int price = columns.indexOf("sell_price");
            if (store < 0 || item < 0 || week < 0 || price < 0) {
                throw new M5DataException(file + " line 1: expected the header store_id,item_id,wm_yr_wk,sell_price, got "
                        + TextFiles.quote(header == null ? "" : header));
            }
            TextFiles.forEachRow(in, (line, lineNo) -> {
                // the week first, without splitting: most rows are of other weeks
                int[] at = TextFiles.fieldStarts(line, names.length);
                if (at == null) {
                    throw new M5DataException(file + " line " + lineNo + ": " + line.split(",", -1).length
                            + " fields, but the header has " + names.length);
                }
                int w = TextFiles.wholeNumber(line, at[week], at[week + 1] - 1, true);
                if (w < 0) {
                    throw new M5DataException(file + " line " + lineNo + ": wm_yr_wk "
                            + TextFiles.quote(line.substring(at[week], at[week + 1] - 1)) + " is not a whole number");
                }
                if (w < firstWeek || w > lastWeek) {
                    return;
                }
                String itemId = TextFiles.unquote(line.substring(at[item], at[item + 1] - 1).trim());
                String storeId = TextFiles.unquote(line.substring(at[store], at[store + 1] - 1).trim());
                Integer s = byKey.get(itemId + "_" + storeId);
                if (s == null) {
                    return;
                }
                String text = line.substring(at[price], at[price + 1] - 1).trim();
                double p;
                try {
                    p = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    p = Double.NaN;
                }
                if (!(p >= 0) || Double.isInfinite(p)) {
                    throw new M5DataException(file + " line " + lineNo + ": sell_price " + TextFiles.quote(text)
                            + " is not a price >= 0");
                }
                prices[s * weekCount + (w - firstWeek)] = p;
            });
        }
        return new SellPrices(firstWeek, weekCount, prices);
    }

    /** The price of series {@code s} in week {@code wmYrWk}, or NaN if it had none. */
    public double price(int s, int wmYrWk) {
        int w = wmYrWk - firstWeek;
        return w < 0 || w >= weekCount ? Double.NaN : prices[s * weekCount + w];
    }

    /** The first week held. */
    public int firstWeek() {
        return firstWeek;
    }

    /** The last week held. */
    public int lastWeek() {
        return firstWeek + weekCount - 1;
    }
}
