package dev.streamcast.job;

import dev.streamcast.functions.Horizon;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.io.OutputFormat;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.LearnerParams;
import dev.streamcast.outputs.CommittedOutputs;
import dev.streamcast.records.SalesEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file and Kafka sinks of the job's outputs: every output directory exists after a run, also the empty ones;
 * a dataflow without a dead-letter stream (events that need no parsing) gets its other Kafka sinks.
 */
class OutputSinksTest {
    static final int DAY0 = (int) LocalDate.of(2016, 1, 1).toEpochDay();

    @TempDir
    Path tmp;

    private static ForecastPipeline.Outputs dataflow(StreamExecutionEnvironment env) {
        DataStream<SalesEvent> events = env.fromData(Types.POJO(SalesEvent.class),
                new SalesEvent("FOODS_3_090_CA_3", DAY0, 3), new SalesEvent("FOODS_3_090_CA_3", DAY0 + 1, 5),
                new SalesEvent("FOODS_3_090_CA_3", DAY0 + 2, 4));
        return ForecastPipeline.fromEvents(events, new ForecastPipeline.Settings(null, LearnerParams.seed(),
                KeyMode.SERIES, Duration.ZERO, true, new LearnFunction.Options(7, Horizon.NONE, false, 0, null)));
    }

    @Test
    void everyOutputDirectoryExistsAfterARunAlsoWhenItsStreamIsEmpty() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobTestSupport.rocksDbConfig(tmp.resolve("chk"), "200ms"));
        env.setParallelism(1);
        ForecastPipeline.Outputs outputs = dataflow(env);
        assertThat(outputs.deadLetters()).as("no parsing, no dead-letter stream").isNull();
        Path out = tmp.resolve("out");
        FileOutputs.attach(outputs, out.toString(), OutputFormat.JSONL);
        env.execute("output directories");

        assertThat(CommittedOutputs.count(out.resolve(FileOutputs.FORECASTS), OutputFormat.JSONL)).isEqualTo(3);
        for (String empty : List.of(FileOutputs.DEAD_LETTERS, FileOutputs.LATE)) {
            assertThat(out.resolve(empty)).as(empty).isDirectory();
            assertThat(CommittedOutputs.partFiles(out.resolve(empty))).as(empty).isEmpty();
        }
        assertThat(RunSummary.fromOutputs(out, OutputFormat.JSONL)).extracting(RunSummary::events,
                RunSummary::series, RunSummary::deadLetters, RunSummary::late).containsExactly(3L, 1L, 0L, 0L);
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                "dead-letters", "forecasts", "late", "metrics", "series");
    }

    @Test
    void kafkaOutputsOfADataflowWithoutDeadLetterStreamSinkTheOtherStreams() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ForecastPipeline.Outputs outputs = dataflow(env);
        KafkaOutputs.attach(outputs, new KafkaOutputConfig("localhost:9092", KafkaOutputConfig.Topics.DEFAULTS,
                KafkaDelivery.AT_LEAST_ONCE, "tx", Duration.ofMinutes(1), Map.of()));
        List<String> sinks = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getOperatorName)
                .filter(n -> n.endsWith(": Writer")).sorted().toList();
        assertThat(sinks).containsExactly("forecasts → kafka forecasts: Writer", "late → kafka late: Writer",
                "metrics → kafka metrics: Writer", "series → kafka series: Writer");
    }

    @Test
    void anAnswersTopicGetsTheRequestsAtLeastOnceWithShortNetworkBuffers() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaOutputs.attach(dataflow(env), new KafkaOutputConfig("localhost:9092",
                new KafkaOutputConfig.Topics(null, null, null, null, null, "answers"), KafkaDelivery.EXACTLY_ONCE,
                "tx", Duration.ofMinutes(1), Map.of()));
        List<String> sinks = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getOperatorName)
                .filter(n -> n.endsWith(": Writer")).sorted().toList();
        assertThat(sinks).contains("answers → kafka answers: Writer", "forecasts → kafka forecasts: Writer");
        assertThat(env.getBufferTimeout()).isEqualTo(KafkaOutputs.ANSWERS_BUFFER_TIMEOUT.toMillis());
    }
}
