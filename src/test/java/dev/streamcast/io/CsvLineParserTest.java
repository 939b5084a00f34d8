package dev.streamcast.io;

import dev.streamcast.records.RawLine;
import dev.streamcast.records.SalesEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Line 1 of every file must be the header (and is never an event); every other line is a data line. */
class CsvLineParserTest {
    private static final String ID = "HOBBIES_1_001_CA_1_validation";
    private static final int JAN1 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    record Rejected(Reason reason, String message, String raw) {
    }

    /** Collects what the parser reports. */
    static final class Collecting implements LineParser.EventSink {
        final List<SalesEvent> events = new ArrayList<>();
        final List<Rejected> rejected = new ArrayList<>();

        @Override
        public void event(SalesEvent event) {
            events.add(event);
        }

        @Override
        public void reject(Reason reason, String message, String raw) {
            rejected.add(new Rejected(reason, message, raw));
        }
    }

    private final CsvLineParser parser = new CsvLineParser();
    private final Collecting sink = new Collecting();

    private void parse(String source, long line, String text) {
        parser.parse(new RawLine(source, line, text, false), sink);
    }

    @Test
    void theHeaderOnLineOneIsConsumedSilently() {
        parse("a.csv", 1, "id,date,y");
        parse("b.csv", 1, "\uFEFFid,date,y\r\n");
        parse("c.csv", 1, "  id,date,y  ");
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void anythingElseOnLineOneIsBadHeaderAndNotAnEvent() {
        parse("a.csv", 1, "ID,DATE,Y");
        parse("b.csv", 1, "id,date");
        parse("c.csv", 1, "id, date, y");
        parse("d.csv", 1, ID + ",2016-01-01,3");
        parse("e.csv", 1, "");
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejected).extracting(Rejected::reason).containsOnly(Reason.BAD_HEADER).hasSize(5);
        assertThat(sink.rejected).extracting(Rejected::raw).containsOnlyNulls();
        assertThat(sink.rejected.get(0).message()).contains(EventParser.CSV_HEADER);
    }

    @Test
    void laterLinesAreDataLines() {
        parse("a.csv", 1, "id,date,y");
        parse("a.csv", 2, ID + ",2016-01-01,3");
        parse("a.csv", 3, ID + ",2016-01-02,");
        parse("a.csv", 4, " " + ID + " , 2016-01-03 , 3.0 \r\n");
        assertThat(sink.events).containsExactly(new SalesEvent(ID, JAN1, 3), SalesEvent.request(ID, JAN1 + 1),
                new SalesEvent(ID, JAN1 + 2, 3));
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void badDataLinesAreRejectedWithTheirReasonAndNullRaw() {
        parse("a.csv", 2, ID + ",2016-02-30,3");
        parse("a.csv", 3, ID + ",2016-01-01,-1");
        parse("a.csv", 4, "");
        parse("a.csv", 5, ID + ",2016-01-01");
        parse("a.csv", 6, ID + ",2016-01-01,2.5");
        parse("a.csv", 7, ",2016-01-01,1");
        parse("a.csv", 8, ID + ",2016-01-01,99999999999");
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejected).extracting(Rejected::reason).containsExactly(Reason.BAD_DATE, Reason.NEGATIVE_Y,
                Reason.EMPTY_LINE, Reason.WRONG_FIELD_COUNT, Reason.BAD_Y, Reason.EMPTY_ID, Reason.Y_OVERFLOW);
        assertThat(sink.rejected).extracting(Rejected::raw).containsOnlyNulls();
        assertThat(sink.rejected).extracting(Rejected::message).allSatisfy(m -> assertThat(m).isNotBlank());
    }

    @Test
    void aRepeatedHeaderAfterLineOneIsBadHeader() {
        parse("a.csv", 1, "id,date,y");
        parse("a.csv", 2, "id,date,y");
        parse("a.csv", 3, " id,date,y\r\n");
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejected).extracting(Rejected::reason).containsExactly(Reason.BAD_HEADER, Reason.BAD_HEADER);
        assertThat(sink.rejected.get(0).message()).contains("header line where a record was expected");
    }

    @Test
    void requiredM5IdsRejectOtherIdsAsBadId() {
        CsvLineParser m5 = new CsvLineParser(new Validation(true, false));
        m5.parse(new RawLine("a.csv", 2, ID + ",2016-01-01,3", false), sink);
        m5.parse(new RawLine("a.csv", 3, "HOBBIES_1_001_CA_1,2016-01-01,3", false), sink);
        m5.parse(new RawLine("a.csv", 4, "widget-7,2016-01-01,3", false), sink);
        m5.parse(new RawLine("a.csv", 5, "hobbies_1_001_ca_1_validation,2016-01-01,3", false), sink);
        parse("a.csv", 6, "widget-7,2016-01-01,3"); // the lenient parser takes any well-formed id
        assertThat(sink.events).containsExactly(new SalesEvent(ID, JAN1, 3),
                new SalesEvent("HOBBIES_1_001_CA_1", JAN1, 3), new SalesEvent("widget-7", JAN1, 3));
        assertThat(sink.rejected).extracting(Rejected::reason).containsExactly(Reason.BAD_ID, Reason.BAD_ID);
    }

    @Test
    void controlCharactersAroundFieldsAreJudgedNotTrimmed() {
        parse("a.csv", 2, ID + "\u0000,2016-01-01,3");
        parse("a.csv", 3, ID + ",2016-01-01,3\u0000");
        parse("a.csv", 4, ID + ",\u00072016-01-01,3");
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejected).extracting(Rejected::reason).containsExactly(Reason.BAD_ID, Reason.BAD_Y,
                Reason.BAD_DATE);
    }
}
