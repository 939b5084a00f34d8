package dev.streamcast.state;

import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.streamcast.functions.LearnFunction;
import dev.streamcast.functions.ParseFunction;
import dev.streamcast.job.Inputs;
import dev.streamcast.job.JobConfig;
import dev.streamcast.job.SourceConfig;
import dev.streamcast.job.StateBackend;
import dev.streamcast.job.StreamcastJob;
import dev.streamcast.learn.KeyMode;
import dev.streamcast.learn.Serving;
import dev.streamcast.records.DeadLetter;
import dev.streamcast.records.SalesEvent;
import org.apache.commons.io.file.PathUtils;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.output.TaggedOperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code state bootstrap}: learns the bounded history of a job file's input files in Flink's BATCH execution mode
 * and writes the savepoint the streaming job resumes from ({@code -s} / {@code execution.savepoint.path}).
 *
 * <p>The savepoint holds the learn operator (uid {@value StateInspector#LEARN_UID}) only, as the job would hold it
 * had it streamed the same history: the job's own {@link LearnOperator} runs on it ({@link LearnBootstrapOperator})
 * with the job's parameters, key mode, serializer, state backend and maximum parallelism, so a job resumed from it
 * and fed the rest of the data forecasts exactly what one that streamed everything does. It learns each key's
 * history in date order, whatever the order of the files: BATCH execution sorts a key's events by event time (a
 * day's series of an item key in id order, through the reordering buffer). No source, window or sink state: the resumed job reads its own input from its start.
 *
 * <p>Refused: pooled serving (its group learner is state of another operator, not bootstrapped), and a job file
 * without input files (a Kafka topic is not a bounded history).
 */
public final class StateBootstrap {
    /** Accumulator: input lines that were not events (dead letters, not learned). */
    static final String ACC_DEAD_LETTERS = "bootstrapDeadLetters";

    private StateBootstrap() {
    }

    /** What a bootstrap did: the bad input lines it skipped (the job would have sent them to its dead letters). */
    public record Result(long deadLetters) {
    }

    /** Learns {@code job}'s input files and writes the savepoint into {@code out} (a new or empty directory). */
    public static Result write(JobConfig job, Path out) throws Exception {
        SourceConfig s = job.source();
        if (job.forecast().serving() == Serving.POOLED) {
            throw new IllegalArgumentException("state bootstrap does not support forecast.serving: pooled (the pooled "
                    + "learner's state is not bootstrapped); bootstrap a job with another serving rule, or stream the "
                    + "history through the job");
        }
        if (!s.hasFiles()) {
            throw new IllegalArgumentException("state bootstrap learns the job's input files (source.path); this job "
                    + "reads only a Kafka topic: set source.path to the history's files");
        }
        Path input = Path.of(s.path());
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("source.path " + input.toAbsolutePath() + " does not exist");
        }
        if (Files.exists(out) && !(Files.isDirectory(out) && PathUtils.isEmptyDirectory(out))) {
            throw new IllegalArgumentException("--out " + out + " exists and is not an empty directory");
        }
        Configuration conf = configuration(job);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        SingleOutputStreamOperator<SalesEvent> events = Inputs.fileLines(env, input, null)
                .process(new ParseFunction(StreamcastJob.parser(s)), Types.POJO(SalesEvent.class))
                .name("parse").uid("parse");
        events.getSideOutput(ParseFunction.DEAD_LETTERS).filter(new CountDeadLetters()).name("dead letters")
                .sinkTo(new DiscardingSink<>()).name("dead letters (counted)");
        DataStream<SalesEvent> timed = events.assignTimestampsAndWatermarks(WatermarkStrategy.<SalesEvent>noWatermarks()
                .withTimestampAssigner((e, previous) -> e.day() * LearnFunction.DAY_MS)).name("event time");

        KeyMode keyMode = job.model().keyMode();
        LearnFunction.Options o = StreamcastJob.learnOptions(job);
        // BATCH sorts each key's events by key, then event time (the day): a series' events come in date order as
        // they are; an item's day holds its series in any order, put in id order by the reordering buffer
        LearnFunction.Options options = new LearnFunction.Options(o.snapshotIntervalDays(), o.horizon(),
                keyMode == KeyMode.ITEM, o.modelCache(), o.stateTtl());
        StateBootstrapTransformation<SalesEvent> learn = OperatorTransformation.bootstrapWith(timed)
                .keyBy(e -> keyMode.keyOf(e.id()), Types.STRING)
                .transform(LearnBootstrapOperator.factory(
                        new LearnFunction(job.model().params(), keyMode, options)));
        SavepointWriter.newSavepoint(env, job.runtime().stateBackend() == StateBackend.HASHMAP
                        ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend(), maxParallelism(conf))
                .withOperator(OperatorIdentifier.forUid(StateInspector.LEARN_UID), learn)
                .write(out.toAbsolutePath().toUri().toString());
        JobExecutionResult done = env.execute("streamcast state bootstrap " + job.name());
        checkEverySubtaskWrote(out, conf.get(CoreOptions.DEFAULT_PARALLELISM));
        Long dead = done.getAccumulatorResult(ACC_DEAD_LETTERS);
        return new Result(dead == null ? 0 : dead);
    }

    /**
     * The job's Flink configuration for a bounded batch run here: BATCH execution, no checkpoints, no object reuse
     * (the State Processor API queues records), on Flink's local executor. Generic types allowed: the State
     * Processor API ships its own snapshots as generic types, which Kryo's field-by-field serializer cannot build
     * on Java 17 (private nested classes): they go through Java serialization instead ({@link SubtaskStateSerializer}).
     * The job's records stay POJOs, their serializers unchanged.
     */
    static Configuration configuration(JobConfig job) {
        Configuration conf = StreamcastJob.flinkConfiguration(job);
        conf.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        conf.set(PipelineOptions.NAME, "streamcast state bootstrap " + job.name());
        return forStateProcessor(conf);
    }

    /** {@code conf} set up for a State Processor API job here: see {@link #configuration(JobConfig)}. */
    static Configuration forStateProcessor(Configuration conf) {
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.OBJECT_REUSE, false);
        // the job's parallelism, as set (not chosen by the batch scheduler): each subtask's state is then checked
        conf.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        conf.set(PipelineOptions.GENERIC_TYPES, true);
        conf.set(PipelineOptions.SERIALIZATION_CONFIG, List.of(
                kryo(TaggedOperatorSubtaskState.class, SubtaskStateSerializer.class),
                kryo(OperatorState.class, JavaSerializer.class)));
        conf.set(DeploymentOptions.TARGET, "local");
        conf.set(DeploymentOptions.ATTACHED, true);
        return conf;
    }

    /**
     * Fails unless each of the learn operator's {@code parallelism} subtasks wrote its state: the State Processor
     * API runs the operator in a thread of its own, whose failure (logged) would otherwise leave a savepoint
     * without that subtask's keys.
     */
    static void checkEverySubtaskWrote(Path out, int parallelism) throws IOException {
        int written = StateInspector.learnState(StateInspector.metadata(out)).map(op -> op.getStates().size())
                .orElse(0);
        if (written != parallelism) {
            throw new IllegalStateException("the bootstrap's learn operator failed: " + written + " of its "
                    + parallelism + " subtasks wrote their state to " + out + " (the cause is in the log)");
        }
    }

    private static String kryo(Class<?> type, Class<?> serializer) {
        return type.getName() + ": {type: kryo, kryo-type: default, class: " + serializer.getName() + "}";
    }

    /**
     * The job's maximum parallelism: {@code pipeline.max-parallelism} if its file sets it, else Flink's default for
     * its parallelism (the default a job adopts from the savepoint it resumes from).
     */
    static int maxParallelism(Configuration conf) {
        return conf.getOptional(PipelineOptions.MAX_PARALLELISM).orElse(
                KeyGroupRangeAssignment.computeDefaultMaxParallelism(conf.get(CoreOptions.DEFAULT_PARALLELISM)));
    }

    /** Counts the dead letters in an accumulator (and drops them). */
    private static final class CountDeadLetters extends RichFilterFunction<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private transient LongCounter count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getLongCounter(ACC_DEAD_LETTERS);
        }

        @Override
        public boolean filter(DeadLetter d) {
            count.add(1);
            return false;
        }
    }
}
