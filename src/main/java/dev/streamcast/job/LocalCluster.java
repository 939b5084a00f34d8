package dev.streamcast.job;

import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The embedded cluster of a local run: Flink's local executor (a MiniCluster for the job, sized as Flink sizes
 * it), except that the cluster stops only once its job has ended <em>and</em> {@code release} has completed, so
 * that its web UI can still show the finished job ({@code run --local --keep-ui}).
 */
final class LocalCluster implements PipelineExecutorServiceLoader, PipelineExecutorFactory {
    private final CompletionStage<?> release;
    private volatile MiniCluster cluster;

    LocalCluster(CompletionStage<?> release) {
        this.release = release;
    }

    /** An environment whose jobs run on this cluster, with {@code conf}. */
    StreamExecutionEnvironment environment(Configuration conf) {
        conf.set(DeploymentOptions.TARGET, getName());
        conf.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(this, conf, LocalCluster.class.getClassLoader());
    }

    /** The REST endpoint (and web UI) of the running cluster. */
    URI restAddress() throws InterruptedException, ExecutionException {
        return cluster.getRestAddress().get();
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return this;
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(getName());
    }

    @Override
    public String getName() {
        return "local";
    }

    @Override
    public boolean isCompatibleWith(Configuration configuration) {
        return true;
    }

    @Override
    public PipelineExecutor getExecutor(Configuration configuration) {
        return LocalExecutor.createWithFactory(configuration, c -> cluster = new Kept(c, release));
    }

    /** A MiniCluster whose close waits for {@code release}. */
    private static final class Kept extends MiniCluster {
        private final CompletionStage<?> release;

        Kept(MiniClusterConfiguration configuration, CompletionStage<?> release) {
            super(configuration);
            this.release = release;
        }

        @Override
        public CompletableFuture<Void> closeAsync() {
            return release.toCompletableFuture().thenCompose(ignored -> super.closeAsync());
        }
    }
}
