package dev.streamcast.functions;

import dev.streamcast.records.GroupDay;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Gathers a group's observations of one day (a 1-day event-time window) into one {@link GroupDay}, sorted by
 * series id, so the pooled learner's sums do not depend on the order events arrived in. A series with several
 * observations of the day keeps its first after sorting (the smallest value); the series learners send the
 * others to the late output.
 */
public final class GroupDays extends ProcessWindowFunction<SalesEvent, GroupDay, String, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<SalesEvent> ORDER =
            Comparator.comparing(SalesEvent::id).thenComparingInt(SalesEvent::y);

    @Override
    public void process(String group, Context context, Iterable<SalesEvent> events, Collector<GroupDay> out) {
        List<SalesEvent> list = StreamSupport.stream(events.spliterator(), false).sorted(ORDER).toList();
        List<String> ids = new ArrayList<>(list.size());
        int[] ys = new int[list.size()];
        for (SalesEvent e : list) {
            if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(e.id())) {
                ys[ids.size()] = e.y();
                ids.add(e.id());
            }
        }
        int day = Math.toIntExact(context.window().getStart() / LearnFunction.DAY_MS);
        out.collect(new GroupDay(group, day, ids.toArray(String[]::new), Arrays.copyOf(ys, ids.size())));
    }
}
