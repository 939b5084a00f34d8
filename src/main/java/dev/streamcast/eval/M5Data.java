package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;
import dev.streamcast.io.M5FormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The M5 data an evaluation needs, loaded once: sales, calendar with weeks, aggregate histories, and the
 * dollar sales of each window's weight days (prices are read per window, only for the weeks needed).
 */
public final class M5Data {
    private final M5Inputs inputs;
    private final M5Sales sales;
    private final M5Calendar calendar;
    private final AggregateHistory aggregates;
    private final Map<Window, DollarSales> dollars = new EnumMap<>(Window.class);
    private SellPrices prices;

    public M5Data(M5Inputs inputs, M5Sales sales, M5Calendar calendar, AggregateHistory aggregates) {
        this.inputs = inputs;
        this.sales = sales;
        this.calendar = calendar;
        this.aggregates = aggregates;
    }

    /** Reads the sales, the calendar and the aggregate histories (not yet the prices). */
    public static M5Data load(M5Inputs inputs) throws IOException, M5DataException {
        M5Calendar calendar;
        try (BufferedReader in = TextFiles.open(inputs.calendar())) {
            calendar = M5Calendar.read(in, inputs.calendar().toString(), true);
        } catch (M5FormatException e) {
            throw new M5DataException(e.getMessage());
        }
        M5Sales sales = M5SalesReader.read(inputs.sales());
        AggregateHistory agg = inputs.aggregates().isEmpty() ? null : AggregateHistory.load(inputs.aggregates());
        return new M5Data(inputs, sales, calendar, agg);
    }

    public M5Inputs inputs() {
        return inputs;
    }

    public M5Sales sales() {
        return sales;
    }

    /** The calendar, with its weeks. */
    public M5Calendar calendar() {
        return calendar;
    }

    /** The aggregate histories, or {@code null}. */
    public AggregateHistory aggregates() {
        return aggregates;
    }

    /** Whether the sales hold every series' history through the day before {@code w} (so it can be forecast). */
    public boolean canForecast(Window w) {
        return sales.allKnown(w.trainingEnd(), w.trainingEnd());
    }

    /** Whether the sales hold every series' actual units of {@code w} and the 28 days before (so it can be scored). */
    public boolean canScore(Window w) {
        return sales.allKnown(w.firstDay() - Window.HORIZON, w.lastDay());
    }

    /** The dollar sales of the 28 days before {@code w}; reads the prices of those weeks on first use. */
    public DollarSales dollars(Window w) throws IOException, M5DataException {
        DollarSales d = dollars.get(w);
        if (d == null) {
            if (inputs.prices() == null) {
                throw new M5DataException("no sell prices: the weights need sell_prices.csv (give it, or a folder holding it)");
            }
            int from = w.firstDay() - Window.HORIZON;
            int to = w.trainingEnd();
            if (!calendar.contains(from) || !calendar.contains(to)) {
                throw new M5DataException("the calendar " + inputs.calendar() + " does not cover the weight days "
                        + calendar.describe(from) + ".." + calendar.describe(to));
            }
            d = DollarSales.compute(sales, calendar, prices(w), from, to);
            dollars.put(w, d);
        }
        return d;
    }

    /** The prices of the weight weeks of every window the calendar holds, read once (one pass over the file). */
    private SellPrices prices(Window needed) throws IOException, M5DataException {
        int lo = calendar.week(needed.firstDay() - Window.HORIZON);
        int hi = calendar.week(needed.trainingEnd());
        if (prices == null || prices.firstWeek() > lo || prices.lastWeek() < hi) {
            for (Window w : Window.values()) {
                if (calendar.contains(w.firstDay() - Window.HORIZON) && calendar.contains(w.trainingEnd())) {
                    lo = Math.min(lo, calendar.week(w.firstDay() - Window.HORIZON));
                    hi = Math.max(hi, calendar.week(w.trainingEnd()));
                }
            }
            prices = SellPrices.load(inputs.prices(), sales, lo, hi);
        }
        return prices;
    }

    /** Scores {@code forecasts} (series in {@link #sales()} order) on window {@code w}. */
    public WrmsseResult evaluate(Window w, double[][] forecasts) throws IOException, M5DataException {
        return Wrmsse.evaluate(sales, w.firstDay(), forecasts, dollars(w), aggregates, Wrmsse.ORIGIN);
    }

    /** The paths of the inputs, for reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("sales: ").append(sales.size()).append(" series, ").append(calendar.describe(sales.firstDay()))
                .append("..").append(calendar.describe(sales.lastDay())).append(" from ").append(inputs.sales());
        if (aggregates != null) {
            sb.append("\naggregate histories: levels ")
                    .append(aggregates.levels().stream().map(l -> String.valueOf(l.number()))
                            .collect(Collectors.joining(",")))
                    .append(", ").append(calendar.describe(aggregates.firstDay())).append("..")
                    .append(calendar.describe(aggregates.lastDay()));
        }
        if (!inputs.skipped().isEmpty()) {
            sb.append("\nskipped (not wide sales files): ").append(inputs.skipped());
        }
        return sb.toString();
    }

}
