package dev.streamcast.eval;

import dev.streamcast.io.M5Calendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A case small enough to compute by hand: three series, six training days d_1..d_6, a two-day window
 * d_7..d_8, weights from d_5..d_6 (one week, one price per series).
 *
 * <pre>
 *   series                         d_1..d_6      actual  forecast  price
 *   A HOBBIES_1_001 CA_1 (CA)      0 0 1 3 2 2    4 0     2 2       2.0   dollars (2+2)*2 = 8
 *   B HOBBIES_1_002 CA_1 (CA)      2 0 2 0 2 2    1 1     1 1       1.0   dollars (2+2)*1 = 4
 *   C HOBBIES_1_001 TX_1 (TX)      0 0 0 0 0 5    0 5     0 0       3.0   dollars 5*3 = 15      total 27
 * </pre>
 * Scales: A from its first sale d_3: 1 3 2 2, squared differences 4 1 0, mean 5/3; B 16/5; C has one day from
 * its first sale: undefined, so C has no RMSSE and is left out.
 */
class WrmsseHandTest {
    private static final double EPS = 1e-14;

    static M5Sales sales(boolean aFromD3) {
        M5Sales.Builder b = new M5Sales.Builder(1, 8);
        if (aFromD3) {
            b.add("HOBBIES_1_001", "HOBBIES_1", "HOBBIES", "CA_1", "CA", 3, 1, 3, 2, 2, 4, 0);
        } else {
            b.add("HOBBIES_1_001", "HOBBIES_1", "HOBBIES", "CA_1", "CA", 1, 0, 0, 1, 3, 2, 2, 4, 0);
        }
        b.add("HOBBIES_1_002", "HOBBIES_1", "HOBBIES", "CA_1", "CA", 1, 2, 0, 2, 0, 2, 2, 1, 1);
        b.add("HOBBIES_1_001", "HOBBIES_1", "HOBBIES", "TX_1", "TX", 1, 0, 0, 0, 0, 0, 5, 0, 5);
        return b.build();
    }

    static final double[][] FORECASTS = {{2, 2}, {1, 1}, {0, 0}};

    /** A calendar of d_1..d_8 from 2011-01-29, every day in Walmart week {@code week}. */
    static M5Calendar calendar(int week) {
        StringBuilder csv = new StringBuilder("date,wm_yr_wk,d\n");
        for (int d = 1; d <= 8; d++) {
            csv.append(LocalDate.of(2011, 1, 28).plusDays(d)).append(',').append(week).append(",d_").append(d)
                    .append('\n');
        }
        try {
            return M5Calendar.read(new StringReader(csv.toString()), "calendar.csv", true);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static DollarSales dollars(M5Sales sales, double priceB) {
        try {
            return DollarSales.compute(sales, calendar(11101), prices(sales, 11101, 2.0, priceB, 3.0), 5, 6);
        } catch (M5DataException e) {
            throw new AssertionError(e);
        }
    }

    /** The prices of week {@code week} read from a sell prices file: {@code price[s]} for series s, NaN for none. */
    static SellPrices prices(M5Sales sales, int week, double... price) {
        StringBuilder csv = new StringBuilder("store_id,item_id,wm_yr_wk,sell_price\n");
        for (int s = 0; s < price.length; s++) {
            if (!Double.isNaN(price[s])) {
                csv.append(sales.attribute(M5Level.Attribute.STORE, s)).append(',')
                        .append(sales.attribute(M5Level.Attribute.ITEM, s)).append(',').append(week).append(',')
                        .append(price[s]).append('\n');
            }
        }
        try {
            Path file = Files.createTempFile("sell_prices", ".csv");
            file.toFile().deleteOnExit();
            return SellPrices.load(Files.writeString(file, csv), sales, week, week);
        } catch (IOException | M5DataException e) {
            throw new AssertionError(e);
        }
    }

    static WrmsseResult evaluate(M5Sales sales, AggregateHistory agg) throws M5DataException {
        return Wrmsse.evaluate(sales, 7, FORECASTS, dollars(sales, 1.0), agg, 1);
    }

    @Test
    void dollarSalesAreUnitsTimesPrice() {
        DollarSales d = dollars(sales(false), 1.0);
        assertThat(d.dollars()).containsExactly(8.0, 4.0, 15.0);
        assertThat(d.unpricedUnitDays()).isZero();
        DollarSales noPriceForB = dollars(sales(false), Double.NaN);
        assertThat(noPriceForB.dollars()).containsExactly(8.0, 0.0, 15.0);
        assertThat(noPriceForB.unpricedUnitDays()).isEqualTo(2);
    }

    @Test
    void bottomLevelScalesTrimLeadingZerosAndWeightByDollars() throws Exception {
        WrmsseResult r = evaluate(sales(false), null);
        WrmsseResult.Level l12 = r.level(12);
        assertThat(l12.agg1()).containsExactly("HOBBIES_1_001", "HOBBIES_1_002", "HOBBIES_1_001");
        assertThat(l12.agg2()).containsExactly("CA_1", "CA_1", "TX_1");
        assertThat(l12.firstSale()).containsExactly(3, 1, 6);
        assertThat(l12.scale()[0]).isCloseTo(5.0 / 3, within(EPS));
        assertThat(l12.scale()[1]).isCloseTo(16.0 / 5, within(EPS));
        assertThat(l12.scale()[2]).isNaN();
        assertThat(l12.mse()).containsExactly(4.0, 0.0, 12.5);
        assertThat(l12.rmsse()[0]).isCloseTo(Math.sqrt(2.4), within(EPS));
        assertThat(l12.rmsse()[1]).isZero();
        assertThat(l12.rmsse()[2]).isNaN();
        assertThat(l12.weight()[0]).isCloseTo(8.0 / 27, within(EPS));
        assertThat(l12.weight()[1]).isCloseTo(4.0 / 27, within(EPS));
        assertThat(l12.weight()[2]).isCloseTo(15.0 / 27, within(EPS));
        assertThat(l12.score()).isCloseTo(8.0 / 27 * Math.sqrt(2.4), within(EPS));
        assertThat(l12.unscaled()).isEqualTo(1);
        assertThat(l12.unscaledWeight()).isCloseTo(15.0 / 27, within(EPS));
    }

    @Test
    void aggregatesSumHistoriesActualsForecastsAndDollars() throws Exception {
        WrmsseResult r = evaluate(sales(false), null);
        // total: history 2 0 3 3 4 9 (first sale d_1), squared differences 4 9 0 1 25 -> 39/5;
        // actual 5 6, forecast 3 3 -> mse 13/2
        WrmsseResult.Level l1 = r.level(1);
        assertThat(l1.agg1()).containsExactly("Total");
        assertThat(l1.agg2()).containsExactly("X");
        assertThat(l1.scale()[0]).isCloseTo(7.8, within(EPS));
        assertThat(l1.mse()[0]).isEqualTo(6.5);
        assertThat(l1.weight()[0]).isEqualTo(1.0);
        assertThat(l1.score()).isCloseTo(Math.sqrt(6.5 / 7.8), within(EPS));
        // state CA = A + B: 2 0 3 3 4 4 -> 14/5; actual 5 1, forecast 3 3 -> mse 4; TX = C: undefined
        WrmsseResult.Level l2 = r.level(2);
        assertThat(l2.agg1()).containsExactly("CA", "TX");
        assertThat(l2.scale()[0]).isCloseTo(2.8, within(EPS));
        assertThat(l2.score()).isCloseTo(12.0 / 27 * Math.sqrt(4 / 2.8), within(EPS));
        // item HOBBIES_1_001 = A + C: 0 0 1 3 2 7 -> from d_3: 1 3 2 7 -> (4+1+25)/3 = 10; actual 4 5, forecast 2 2
        WrmsseResult.Level l10 = r.level(10);
        assertThat(l10.agg1()).containsExactly("HOBBIES_1_001", "HOBBIES_1_002");
        assertThat(l10.firstSale()).containsExactly(3, 1);
        assertThat(l10.scale()[0]).isCloseTo(10.0, within(EPS));
        assertThat(l10.dollars()).containsExactly(23.0, 4.0);
        assertThat(l10.score()).isCloseTo(23.0 / 27 * Math.sqrt(0.65), within(EPS));
        // level 11 names: state first, then item, as the organisers' files
        assertThat(r.level(11).agg1()).containsExactly("CA", "CA", "TX");
        assertThat(r.level(11).agg2()).containsExactly("HOBBIES_1_001", "HOBBIES_1_002", "HOBBIES_1_001");
        // every level's weights sum to 1
        for (WrmsseResult.Level l : r.levels()) {
            assertThat(java.util.Arrays.stream(l.weight()).sum()).isCloseTo(1.0, within(1e-15));
        }
        double mean = r.levels().stream().mapToDouble(WrmsseResult.Level::score).sum() / 12;
        assertThat(r.score()).isEqualTo(mean);
        assertThat(r.seriesCount()).isEqualTo(1 + 2 + 2 + 1 + 1 + 2 + 2 + 2 + 2 + 2 + 3 + 3);
        assertThat(r.approximate()).isFalse();
    }

    @Test
    void partialHistoryIsTruncatedAndAggregatesUseTheDaysAllMembersKnow() throws Exception {
        WrmsseResult r = evaluate(sales(true), null);
        // A is given from d_3: the total is known from d_3: 3 3 4 9 -> (0+1+25)/3
        assertThat(r.level(1).historyStart()).containsExactly(3);
        assertThat(r.level(1).scale()[0]).isCloseTo(26.0 / 3, within(EPS));
        assertThat(r.level(12).historyStart()).containsExactly(3, 1, 1);
        assertThat(r.level(12).scale()[0]).isCloseTo(5.0 / 3, within(EPS));
        // one truncated series per level: the one holding A
        for (WrmsseResult.Level l : r.levels()) {
            assertThat(l.truncated()).as("level %d", l.level().number()).isEqualTo(1);
        }
        assertThat(r.truncatedSeries()).isEqualTo(12);
        assertThat(r.approximate()).isTrue();
    }

    @Test
    void givenAggregateHistoryFillsUnknownDaysAndIsChecked(@TempDir Path tmp) throws Exception {
        AggregateHistory agg = AggregateHistoryTest.givenTotal(tmp, 1, 2, 0);
        WrmsseResult r = evaluate(sales(true), agg);
        assertThat(r.level(1).historyStart()).containsExactly(1);
        assertThat(r.level(1).truncated()).isZero();
        assertThat(r.level(1).scale()[0]).isCloseTo(7.8, within(EPS));

        AggregateHistory wrong = AggregateHistoryTest.givenTotal(tmp, 1, 2, 0, 99);
        assertThatThrownBy(() -> evaluate(sales(true), wrong)).isInstanceOf(M5DataException.class)
                .hasMessageContaining("Level1 Total/X gives 99 units on d_3")
                .hasMessageContaining("bottom series sum to 3");
    }

    @Test
    void missingActualsOrWeightDaysAreClearErrors() {
        M5Sales b = new M5Sales.Builder(1, 8)
                .add("FOODS_1_001", "FOODS_1", "FOODS", "CA_1", "CA", 1, 1, 2, 3, 4, 5, 6, 7)
                .build();
        assertThatThrownBy(() -> Wrmsse.evaluate(b, 7, new double[][] {{1, 1}}, new DollarSales(new double[] {1}, 0, 5, 6),
                null, 1)).isInstanceOf(M5DataException.class)
                .hasMessageContaining("actual units of every series on d_7..d_8")
                .hasMessageContaining("FOODS_1_001_CA_1 lacks some (its sales are given for d_1..d_7)");
        assertThatThrownBy(() -> DollarSales.compute(b, calendar(1), prices(b, 1, 1), 7, 8))
                .isInstanceOf(M5DataException.class).hasMessageContaining("the weights need the units");
    }
}
