package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;

/**
 * Each bottom series' dollar sales over a run of days: units × the sell price of its store and item in
 * that day's week, summed. Days without a price count nothing (the organisers' {@code na.rm}); the days
 * with units sold but no price are counted, as they point at a prices file that does not fit the sales.
 *
 * @param dollars           per series
 * @param unpricedUnitDays  series-days with units sold but no price
 * @param from              first day (d index)
 * @param to                last day
 */
public record DollarSales(double[] dollars, long unpricedUnitDays, int from, int to) {

    /** The dollar sales of every series of {@code sales} over {@code d_from..d_to}; every day must be known. */
    public static DollarSales compute(M5Sales sales, M5Calendar calendar, SellPrices prices, int from, int to)
            throws M5DataException {
        int bad = sales.firstUnknown(from, to);
        if (bad >= 0) {
            throw new M5DataException("the weights need the units of every series on " + M5Calendar.dayName(from) + ".."
                    + M5Calendar.dayName(to) + " (the 28 days before the window), but " + sales.key(bad)
                    + " lacks some of them (its sales are given for " + describeKnown(sales, bad) + ")");
        }
        for (int d = from; d <= to; d++) {
            if (!calendar.contains(d)) {
                throw new M5DataException("the calendar has no " + M5Calendar.dayName(d) + " (needed for the weights)");
            }
        }
        double[] dollars = new double[sales.size()];
        long unpriced = 0;
        for (int s = 0; s < sales.size(); s++) {
            double sum = 0;
            for (int d = from; d <= to; d++) {
                int u = sales.units(s, d);
                if (u == 0) {
                    continue;
                }
                double p = prices.price(s, calendar.week(d));
                if (Double.isNaN(p)) {
                    unpriced++;
                } else {
                    sum += u * p;
                }
            }
            dollars[s] = sum;
        }
        return new DollarSales(dollars, unpriced, from, to);
    }

    static String describeKnown(M5Sales sales, int s) {
        StringBuilder sb = new StringBuilder();
        int d = sales.firstDay();
        while (d <= sales.lastDay()) {
            while (d <= sales.lastDay() && sales.units(s, d) == M5Sales.UNKNOWN) {
                d++;
            }
            if (d > sales.lastDay()) {
                break;
            }
            int a = d;
            while (d <= sales.lastDay() && sales.units(s, d) != M5Sales.UNKNOWN) {
                d++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(M5Calendar.dayName(a)).append("..")
                    .append(M5Calendar.dayName(d - 1));
        }
        return sb.length() == 0 ? "no day" : sb.toString();
    }
}
