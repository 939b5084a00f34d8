package dev.streamcast.io;

import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class M5WideFormatTest {
    private static final int SERIES = 300;
    private static final int FILE_DAYS = 180; // d_1762..d_1941
    private static final String HOBBIES = "HOBBIES_1_001_CA_1_evaluation";

    private static M5Calendar calendar;
    private static List<String> lines;
    private static Map<String, LocalDate> calendarDates;

    @BeforeAll
    static void load() throws IOException {
        calendar = M5Calendar.load(M5TestFiles.CALENDAR);
        lines = M5TestFiles.lines(M5TestFiles.SALES);
        calendarDates = M5TestFiles.calendarDates();
    }

    record Bad(Reason reason, String message, String raw) {
    }

    static final class Collect implements LineParser.EventSink {
        final List<SalesEvent> events = new ArrayList<>();
        final List<Bad> bad = new ArrayList<>();

        @Override
        public void event(SalesEvent e) {
            events.add(e);
        }

        @Override
        public void reject(Reason reason, String message, String rawText) {
            bad.add(new Bad(reason, message, rawText));
        }

        Map<String, Integer> values(String id) {
            Map<String, Integer> m = new HashMap<>();
            for (SalesEvent e : events) {
                if (e.id().equals(id)) {
                    m.put(M5Calendar.dayName(calendar.dIndexOf(e.day())), e.y());
                }
            }
            return m;
        }
    }

    private static Collect parseAll(List<String> fileLines, String first, String last) throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(fileLines.get(0), calendar, first, last);
        Collect c = new Collect();
        for (String line : fileLines.subList(1, fileLines.size())) {
            f.parseRow(line, c);
        }
        return c;
    }

    private static String row(String id) {
        return lines.stream().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
    }

    private static int epochDay(String dName) {
        return (int) calendarDates.get(dName).toEpochDay();
    }

    private static M5FormatException failure(String header, String first, String last, Reason reason) {
        M5FormatException e = catchThrowableOfType(M5FormatException.class,
                () -> M5WideFormat.of(header, calendar, first, last));
        assertThat(e).as("expected an M5FormatException").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        return e;
    }

    // ---------------------------------------------------------------- the bundled real file

    @Test
    void bundledFileGivesOneEventPerSeriesAndDayWithCalendarDates() throws M5FormatException {
        assertThat(lines).hasSize(SERIES + 1);
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        assertThat(f.fileFirstIndex()).isEqualTo(1762);
        assertThat(f.fileLastIndex()).isEqualTo(1941);
        assertThat(f.dayCount()).isEqualTo(FILE_DAYS);
        assertThat(f.fieldCount()).isEqualTo(6 + FILE_DAYS);
        assertThat(LocalDate.ofEpochDay(f.firstEpochDay())).isEqualTo(calendarDates.get("d_1762"));

        Collect c = new Collect();
        long emitted = 0;
        for (String line : lines.subList(1, lines.size())) {
            emitted += f.parseRow(line, c);
        }
        assertThat(c.bad).isEmpty();
        assertThat(c.events).hasSize(SERIES * FILE_DAYS);
        assertThat(emitted).isEqualTo(SERIES * FILE_DAYS);

        // each row: its id, then the 180 days d_1762..d_1941 in order, dated by the calendar file
        List<Integer> expectedDays = IntStream.rangeClosed(1762, 1941).mapToObj(n -> epochDay("d_" + n)).toList();
        for (int r = 0; r < SERIES; r++) {
            List<SalesEvent> rowEvents = c.events.subList(r * FILE_DAYS, (r + 1) * FILE_DAYS);
            String id = lines.get(r + 1).substring(0, lines.get(r + 1).indexOf(','));
            assertThat(rowEvents).allSatisfy(e -> assertThat(e.id()).isEqualTo(id));
            assertThat(rowEvents.stream().map(SalesEvent::day).toList()).isEqualTo(expectedDays);
        }
        assertThat(c.events.get(0).date()).isEqualTo(LocalDate.of(2015, 11, 25));
        assertThat(c.events.get(FILE_DAYS - 1).date()).isEqualTo(LocalDate.of(2016, 5, 22));

        Set<String> ids = c.events.stream().map(SalesEvent::id).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(ids).hasSize(SERIES).allSatisfy(id -> assertThat(id).endsWith("_evaluation"));
        Set<String> stores = ids.stream().map(id -> id.replaceAll("^.*_([A-Z]{2}_\\d)_evaluation$", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(stores).containsExactly("CA_1", "CA_2", "CA_3", "CA_4", "TX_1", "TX_2", "TX_3", "WI_1", "WI_2", "WI_3");
        assertThat(ids.stream().map(id -> id.substring(0, id.indexOf('_'))).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("FOODS", "HOBBIES", "HOUSEHOLD");

        // totals checked with awk on the file (data/m5/README.md)
        assertThat(c.events.stream().mapToLong(SalesEvent::y).sum()).isEqualTo(77_197L);
        assertThat(c.events.stream().mapToInt(SalesEvent::y).max().orElseThrow()).isEqualTo(60);
    }

    @Test
    void spotValuesMatchTheSource() throws M5FormatException {
        Collect c = parseAll(lines, null, null);
        // seed notebook and SOURCE.md: HOBBIES_1_001_CA_1 d_1904..d_1908 = 1,3,0,1,1
        Map<String, Integer> hobbies = c.values(HOBBIES);
        assertThat(List.of(hobbies.get("d_1904"), hobbies.get("d_1905"), hobbies.get("d_1906"),
                hobbies.get("d_1907"), hobbies.get("d_1908"))).containsExactly(1, 3, 0, 1, 1);
        // read from sales_all30490_d1762-d1969.csv.gz (last bundled row, line 30,201 of that file)
        Map<String, Integer> foods = c.values("FOODS_3_534_WI_3_evaluation");
        assertThat(foods).containsEntry("d_1762", 3).containsEntry("d_1854", 1).containsEntry("d_1913", 3)
                .containsEntry("d_1941", 1).hasSize(FILE_DAYS);
        // the largest value of the subset
        assertThat(c.values("FOODS_3_086_TX_3_evaluation")).containsEntry("d_1883", 60);
        assertThat(c.events).contains(new SalesEvent("FOODS_3_086_TX_3_evaluation", epochDay("d_1883"), 60));
    }

    @Test
    void dayRangeSelectsExactlyThoseDays() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar, "d_1854", "d_1913");
        assertThat(f.firstIndex()).isEqualTo(1854);
        assertThat(f.lastIndex()).isEqualTo(1913);
        assertThat(f.dayCount()).isEqualTo(60);
        Collect c = parseAll(lines, "d_1854", "d_1913");
        assertThat(c.bad).isEmpty();
        assertThat(c.events).hasSize(SERIES * 60);
        Set<Integer> days = c.events.stream().map(SalesEvent::day).collect(Collectors.toCollection(TreeSet::new));
        assertThat(days).containsExactlyElementsOf(
                IntStream.rangeClosed(1854, 1913).mapToObj(n -> epochDay("d_" + n)).toList());
        assertThat(LocalDate.ofEpochDay(days.iterator().next())).isEqualTo(LocalDate.of(2016, 2, 25));
        assertThat(c.events.stream().mapToLong(SalesEvent::y).sum()).isEqualTo(26_649L); // awk, README.md
        Map<String, Integer> foods = c.values("FOODS_3_534_WI_3_evaluation");
        assertThat(foods).hasSize(60).containsEntry("d_1854", 1).containsEntry("d_1913", 3)
                .doesNotContainKeys("d_1853", "d_1914");
        // the values are the same as in a full-range parse
        Map<String, Integer> full = parseAll(lines, null, null).values(HOBBIES);
        c.values(HOBBIES).forEach((d, y) -> assertThat(full).containsEntry(d, y));
    }

    @Test
    void openEndedRanges() throws M5FormatException {
        Collect train = parseAll(lines, null, "d_1913");
        assertThat(train.events).hasSize(SERIES * 152);
        assertThat(train.events.get(0).day()).isEqualTo(epochDay("d_1762"));
        Collect test = parseAll(lines, "d_1914", "");
        assertThat(test.events).hasSize(SERIES * 28);
        assertThat(test.events.get(0).day()).isEqualTo(epochDay("d_1914"));
        assertThat(test.events.get(27).day()).isEqualTo(epochDay("d_1941"));
        assertThat(train.events.stream().mapToLong(SalesEvent::y).sum()
                + test.events.stream().mapToLong(SalesEvent::y).sum()).isEqualTo(77_197L);
        Collect one = parseAll(lines, "d_1941", "d_1941");
        assertThat(one.events).hasSize(SERIES).allSatisfy(e -> assertThat(e.day()).isEqualTo(epochDay("d_1941")));
    }

    @Test
    void crlfAndBomFileGivesTheSameEvents() throws M5FormatException {
        List<String> crlf = new ArrayList<>();
        for (String l : lines) {
            crlf.add(l + "\r");
        }
        crlf.set(0, "\uFEFF" + crlf.get(0));
        Collect c = parseAll(crlf, "d_1854", "d_1913");
        assertThat(c.bad).isEmpty();
        assertThat(c.events).isEqualTo(parseAll(lines, "d_1854", "d_1913").events);
        // the last cell of a CRLF row (d_1941) parses
        assertThat(parseAll(crlf, null, null).values("FOODS_3_534_WI_3_evaluation")).containsEntry("d_1941", 1);
        Collect lf = new Collect();
        M5WideFormat.of(lines.get(0) + "\r\n", calendar).parseRow(row(HOBBIES) + "\r\n", lf);
        assertThat(lf.events).hasSize(FILE_DAYS);
    }

    // ---------------------------------------------------------------- header and range errors

    @Test
    void headerWithWrongIdColumnNamesTheColumn() {
        String h = lines.get(0).replace("item_id", "item");
        assertThat(failure(h, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 2")
                .hasMessageContaining("'item'").hasMessageContaining("'item_id'");
        String quoted = lines.get(0).replaceFirst("^id,", "\"id\",");
        assertThat(failure(quoted, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 1")
                .hasMessageContaining("'\"id\"'");
        String swapped = lines.get(0).replace("cat_id,store_id", "store_id,cat_id");
        assertThat(failure(swapped, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 4");
    }

    @Test
    void headerWithoutDayColumnsOrTooShort() {
        assertThat(failure("id,item_id,dept_id,cat_id,store_id,state_id", null, null, Reason.BAD_HEADER))
                .hasMessageContaining("no day columns");
        assertThat(failure("id,item_id,dept_id", null, null, Reason.BAD_HEADER))
                .hasMessageContaining("column 4").hasMessageContaining("'cat_id'");
        assertThat(failure("", null, null, Reason.BAD_HEADER)).hasMessageContaining("empty");
        assertThat(failure("\uFEFF\r\n", null, null, Reason.BAD_HEADER)).hasMessageContaining("empty");
        assertThat(failure(null, null, null, Reason.BAD_HEADER)).hasMessageContaining("no header");
    }

    @Test
    void headerWithBadOrNonContiguousDayColumnNamesTheColumn() {
        String gap = lines.get(0).replace(",d_1763,", ",");
        assertThat(failure(gap, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 8")
                .hasMessageContaining("'d_1764'").hasMessageContaining("must be 'd_1763'")
                .hasMessageContaining("contiguous");
        String bad = lines.get(0).replace(",d_1800,", ",d_18OO,");
        assertThat(failure(bad, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 45")
                .hasMessageContaining("'d_18OO'");
        String trailingComma = lines.get(0) + ",";
        assertThat(failure(trailingComma, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 187")
                .hasMessageContaining("''");
        String backwards = "id,item_id,dept_id,cat_id,store_id,state_id,d_3,d_2";
        assertThat(failure(backwards, null, null, Reason.BAD_HEADER)).hasMessageContaining("column 8")
                .hasMessageContaining("'d_2'");
    }

    @Test
    void badRangesAreClearErrors() {
        String h = lines.get(0);
        assertThat(failure(h, "d_1700", null, Reason.BAD_DAY_RANGE)).hasMessageContaining("d_1700")
                .hasMessageContaining("d_1762..d_1941");
        assertThat(failure(h, null, "d_1942", Reason.BAD_DAY_RANGE)).hasMessageContaining("d_1942");
        assertThat(failure(h, "d_1942", null, Reason.BAD_DAY_RANGE)).hasMessageContaining("d_1942");
        assertThat(failure(h, "d_1913", "d_1854", Reason.BAD_DAY_RANGE)).hasMessageContaining("d_1913")
                .hasMessageContaining("after").hasMessageContaining("d_1854");
        assertThat(failure(h, "1854", null, Reason.BAD_DAY_RANGE)).hasMessageContaining("first")
                .hasMessageContaining("'1854'");
        assertThat(failure(h, null, "d_x", Reason.BAD_DAY_RANGE)).hasMessageContaining("last")
                .hasMessageContaining("'d_x'");
    }

    @Test
    void selectedDaysMustBeInTheCalendar() throws M5FormatException {
        M5Calendar shortCal = M5Calendar.of(1, 1900, LocalDate.of(2011, 1, 29));
        M5FormatException e = catchThrowableOfType(M5FormatException.class,
                () -> M5WideFormat.of(lines.get(0), shortCal));
        assertThat(e).isNotNull().hasMessageContaining("d_1941").hasMessageContaining("d_1..d_1900");
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_DAY);
        M5Calendar lateCal = M5Calendar.of(1800, 1969, LocalDate.of(2011, 1, 29).plusDays(1799));
        assertThat(catchThrowableOfType(M5FormatException.class, () -> M5WideFormat.of(lines.get(0), lateCal)))
                .hasMessageContaining("d_1762").extracting(M5FormatException::reason).isEqualTo(Reason.UNKNOWN_DAY);
        // a range inside the calendar is fine, and dated by it
        M5WideFormat f = M5WideFormat.of(lines.get(0), shortCal, null, "d_1900");
        assertThat(f.dayCount()).isEqualTo(139);
        assertThat(LocalDate.ofEpochDay(f.firstEpochDay())).isEqualTo(calendarDates.get("d_1762"));
    }

    // ---------------------------------------------------------------- row and cell errors

    @Test
    void rowsWithTooFewOrTooManyFieldsAreReportedOnceWhole() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        String good = row(HOBBIES);
        String tooFew = good.substring(0, good.lastIndexOf(','));
        String tooMany = good + ",0";
        for (String[] t : new String[][] {{tooFew, "185"}, {tooMany, "187"}}) {
            Collect c = new Collect();
            assertThat(f.parseRow(t[0], c)).isZero();
            assertThat(c.events).isEmpty();
            assertThat(c.bad).singleElement().satisfies(b -> {
                assertThat(b.reason()).isEqualTo(Reason.WRONG_FIELD_COUNT);
                assertThat(b.message()).contains(HOBBIES).contains(t[1] + " fields").contains("header has 186");
                assertThat(b.raw()).isEqualTo(t[0]);
            });
        }
        Collect onlyId = new Collect();
        f.parseRow("FOODS_1_001_CA_1_evaluation", onlyId);
        assertThat(onlyId.bad).singleElement().extracting(Bad::reason).isEqualTo(Reason.WRONG_FIELD_COUNT);
    }

    @Test
    void emptyIdEmptyLineAndRepeatedHeaderAreRowErrors() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        Collect c = new Collect();
        String noId = row(HOBBIES).substring(HOBBIES.length());
        assertThat(f.parseRow(noId, c)).isZero();
        assertThat(f.parseRow(" " + noId + "\r\n", c)).isZero();
        f.parseRow("", c);
        f.parseRow("\r\n", c);
        f.parseRow("   \t", c);
        f.parseRow(lines.get(0), c);
        assertThat(c.events).isEmpty();
        assertThat(c.bad).extracting(Bad::reason).containsExactly(Reason.EMPTY_ID, Reason.EMPTY_ID,
                Reason.EMPTY_LINE, Reason.EMPTY_LINE, Reason.EMPTY_LINE, Reason.BAD_HEADER);
        assertThat(c.bad.get(0).raw()).isEqualTo(noId);
        assertThat(c.bad.get(1).raw()).isEqualTo(" " + noId);
        assertThat(c.bad.get(0).message()).contains("id").contains("empty");
    }

    @Test
    void everyRealRowPassesTheM5IdChecks() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        Collect c = new Collect();
        Validation m5 = new Validation(true, false);
        for (String line : lines.subList(1, lines.size())) {
            f.parseRow(line, m5, c);
        }
        assertThat(c.bad).isEmpty();
        assertThat(c.events).hasSize((lines.size() - 1) * FILE_DAYS);
    }

    @Test
    void withRequiredM5IdsTheIdMustHaveTheShapeAndAgreeWithItsColumns() throws M5FormatException {
        String header = "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2";
        M5WideFormat f = M5WideFormat.of(header, calendar);
        Validation m5 = new Validation(true, false);
        String id = "FOODS_3_090_CA_3_validation";
        String good = id + ",FOODS_3_090,FOODS_3,FOODS,CA_3,CA,1,2";
        String[][] bad = {
            {"foods_3_090_ca_3,foods_3_090,foods_3,foods,ca_3,ca,1,2", "M5 shape"},
            {id + ",FOODS_3_091,FOODS_3,FOODS,CA_3,CA,1,2", "item_id 'FOODS_3_091' (expected 'FOODS_3_090')"},
            {id + ",FOODS_3_090,FOODS_2,FOODS,CA_3,CA,1,2", "dept_id"},
            {id + ",FOODS_3_090,FOODS_3,FOOD,CA_3,CA,1,2", "cat_id"},
            {id + ",FOODS_3_090,FOODS_3,FOODS,CA_1,CA,1,2", "store_id"},
            {id + ",FOODS_3_090,FOODS_3,FOODS,CA_3,TX,1,2", "state_id"},
            {id + ",FOODS_3_090,FOODS_3,FOODS,CA_3,,1,2", "state_id ''"},
        };
        Collect c = new Collect();
        assertThat(f.parseRow(" " + good.replace(",", " , ") + "\r\n", m5, c)).isEqualTo(2); // padding is fine
        for (String[] b : bad) {
            assertThat(f.parseRow(b[0], m5, c)).as(b[0]).isZero();
        }
        assertThat(c.events).extracting(SalesEvent::id).containsOnly(id);
        assertThat(c.bad).extracting(Bad::reason).containsOnly(Reason.BAD_ID).hasSize(bad.length);
        for (int i = 0; i < bad.length; i++) {
            assertThat(c.bad.get(i).message()).contains(bad[i][1]);
            assertThat(c.bad.get(i).raw()).isEqualTo(bad[i][0]);
        }
        // lenient: the same rows are learned as they are (only the id column counts)
        Collect lenient = new Collect();
        for (String[] b : bad) {
            f.parseRow(b[0], lenient);
        }
        assertThat(lenient.bad).isEmpty();
        assertThat(lenient.events).hasSize(2 * bad.length);
    }

    @Test
    void idsWithControlCharactersAreBadIdAndCellsAreNotTrimmedOfThem() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of("id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2", calendar);
        Collect c = new Collect();
        f.parseRow("A\u0000B,I,D,C,S,T,1,2", c);
        f.parseRow("AB\u0007,I,D,C,S,T,1,2", c);
        assertThat(f.parseRow("AB,I,D,C,S,T,1\u0000,\t2 ", c)).isEqualTo(1);
        assertThat(c.bad).extracting(Bad::reason).containsExactly(Reason.BAD_ID, Reason.BAD_ID, Reason.BAD_Y);
        assertThat(c.bad.get(0).message()).contains("A\\u0000B");
        assertThat(c.events).containsExactly(new SalesEvent("AB", epochDay("d_2"), 2));
    }

    @Test
    void badCellsAreReportedAndTheRestOfTheRowIsKept() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        String good = row(HOBBIES);
        String[] cells = good.split(",", -1);
        Map<Integer, String> bad = Map.of(1800, "x", 1801, "-1", 1802, "2.5", 1803, "99999999999", 1804, "",
                1941, "4x");
        String[] edited = cells.clone();
        bad.forEach((d, text) -> edited[6 + d - 1762] = text);
        String line = String.join(",", edited);

        Collect c = new Collect();
        assertThat(f.parseRow(line, c)).isEqualTo(FILE_DAYS - bad.size());
        assertThat(c.events).hasSize(FILE_DAYS - bad.size());
        assertThat(c.bad).extracting(Bad::reason).containsExactly(Reason.BAD_Y, Reason.NEGATIVE_Y, Reason.BAD_Y,
                Reason.Y_OVERFLOW, Reason.MISSING_Y, Reason.BAD_Y);
        assertThat(c.bad).extracting(Bad::raw).containsExactly("x", "-1", "2.5", "99999999999", "", "4x");
        for (Bad b : c.bad) {
            assertThat(b.message()).contains(HOBBIES);
        }
        assertThat(c.bad.get(0).message()).contains("d_1800").contains("'x'")
                .contains(calendarDates.get("d_1800").toString());
        assertThat(c.bad.get(1).message()).contains("d_1801").contains("-1");
        assertThat(c.bad.get(2).message()).contains("d_1802").contains("2.5");
        assertThat(c.bad.get(3).message()).contains("d_1803").contains("99999999999");
        assertThat(c.bad.get(4).message()).contains("d_1804").contains("empty");
        assertThat(c.bad.get(5).message()).contains("d_1941").contains("4x");

        // nothing valid is lost: every other day has the original value
        Collect original = new Collect();
        f.parseRow(good, original);
        List<SalesEvent> expected = original.events.stream()
                .filter(e -> !bad.containsKey(calendar.dIndexOf(e.day()))).toList();
        assertThat(c.events).isEqualTo(expected);
    }

    @Test
    void cellsOutsideTheRangeAreNotParsed() throws M5FormatException {
        String[] cells = row(HOBBIES).split(",", -1);
        cells[6 + 1853 - 1762] = "x";
        cells[6 + 1914 - 1762] = "-5";
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar, "d_1854", "d_1913");
        Collect c = new Collect();
        assertThat(f.parseRow(String.join(",", cells), c)).isEqualTo(60);
        assertThat(c.bad).isEmpty();
    }

    @Test
    void unusualButValidCellsFollowEventParserParseY() throws M5FormatException {
        String header = "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3,d_4,d_5,d_6,d_7,d_8";
        M5WideFormat f = M5WideFormat.of(header, calendar);
        Collect c = new Collect();
        String line = "A_1_001_CA_1_evaluation,A_1_001,A_1,A,CA_1,CA,3.0, 4 ,007,0000000012,2147483646,+5,-0,2147483647";
        assertThat(f.parseRow(line, c)).isEqualTo(7);
        assertThat(c.events).extracting(SalesEvent::y).containsExactly(3, 4, 7, 12, Integer.MAX_VALUE - 1, 5, 0);
        assertThat(c.events).extracting(SalesEvent::day)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 7).mapToObj(n -> epochDay("d_" + n)).toList());
        assertThat(c.bad).singleElement().satisfies(b -> {
            assertThat(b.reason()).isEqualTo(Reason.Y_OVERFLOW);
            assertThat(b.message()).contains("d_8");
        });
        // every cell gets the verdict of EventParser.parseY
        for (String cell : new String[] {"x", "-1", "2.5", "99999999999", "1e3", "0x10", "3.", ".5", "--1"}) {
            Collect one = new Collect();
            M5WideFormat.of("id,item_id,dept_id,cat_id,store_id,state_id,d_1", calendar)
                    .parseRow("S,I,D,C,ST,SA," + cell, one);
            Reason expected;
            try {
                EventParser.parseY(cell);
                expected = null;
            } catch (BadInputException e) {
                expected = e.reason();
            }
            assertThat(one.bad.isEmpty() ? null : one.bad.get(0).reason()).as(cell).isEqualTo(expected);
            assertThat(one.events.size() + one.bad.size()).as(cell).isEqualTo(1);
        }
    }

    @Test
    void aRowWithABomIsStillParsed() throws M5FormatException {
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        Collect c = new Collect();
        assertThat(f.parseRow("\uFEFF" + row(HOBBIES), c)).isEqualTo(FILE_DAYS);
        assertThat(c.events.get(0).id()).isEqualTo(HOBBIES);
        Collect h = new Collect();
        f.parseRow("\uFEFF" + lines.get(0), h);
        assertThat(h.bad).singleElement().extracting(Bad::reason).isEqualTo(Reason.BAD_HEADER);
    }

    @Test
    void theIdIsSharedByAllEventsOfARow() throws M5FormatException {
        Collect c = new Collect();
        M5WideFormat.of(lines.get(0), calendar).parseRow(row(HOBBIES), c);
        assertThat(c.events).allSatisfy(e -> assertThat(e.id()).isSameAs(c.events.get(0).id()));
        assertThat(c.events.get(0).id()).isEqualTo(HOBBIES);
    }

    @Test
    void goodRowsAllocateLittleMoreThanTheirEvents() throws M5FormatException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        M5WideFormat f = M5WideFormat.of(lines.get(0), calendar);
        List<String> rows = lines.subList(1, lines.size());
        long[] sum = new long[1];
        LineParser.EventSink sink = new LineParser.EventSink() {
            @Override
            public void event(SalesEvent e) {
                sum[0] += e.y();
            }

            @Override
            public void reject(Reason reason, String message, String rawText) {
                throw new AssertionError(message);
            }
        };
        for (int rep = 0; rep < 20; rep++) { // warm up
            for (String r : rows) {
                f.parseRow(r, sink);
            }
        }
        int reps = 20;
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int rep = 0; rep < reps; rep++) {
            for (String r : rows) {
                f.parseRow(r, sink);
            }
        }
        long perRow = (threads.getThreadAllocatedBytes(tid) - before) / ((long) reps * rows.size());
        assertThat(sum[0]).isEqualTo(77_197L * (20 + reps));
        // at most one 32-byte event per cell plus the id string; splitting the row would cost ~50 B more per cell
        assertThat(perRow).as("bytes allocated per row of %d cells", FILE_DAYS).isLessThan(FILE_DAYS * 32L + 512);
    }
}
