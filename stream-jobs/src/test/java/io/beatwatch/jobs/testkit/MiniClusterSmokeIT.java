package io.beatwatch.jobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MiniClusterSmokeIT {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int EVENTS = 100;

    @Test
    void runsABoundedPipelineOnTwoSubtasks() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThat(env.getParallelism()).isEqualTo(MiniClusterExtension.PARALLELISM);

        DataStream<Tuple2<Integer, Integer>> doubled =
                env.fromData(IntStream.rangeClosed(1, EVENTS).boxed().toList())
                        .rebalance()
                        .map(new DoubleAndTagSubtask())
                        .name("double");

        List<Tuple2<Integer, Integer>> out = new ArrayList<>();
        try (CloseableIterator<Tuple2<Integer, Integer>> it = doubled.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }

        assertThat(out).hasSize(EVENTS);
        assertThat(out.stream().mapToInt(t -> t.f1).sum()).isEqualTo(EVENTS * (EVENTS + 1));
        assertThat(out.stream().map(t -> t.f0).distinct()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void offersTwoSlotsOnTheInjectedCluster(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        assertThat(cluster.isRunning()).isTrue();
        assertThat(cluster.getResourceOverview().get().getNumberRegisteredSlots())
                .isEqualTo(MiniClusterExtension.SLOTS);
        assertThat(FLINK.environment().getParallelism())
                .isEqualTo(MiniClusterExtension.PARALLELISM);
    }

    /** Doubles a value and tags it with the index of the subtask that did it. */
    static final class DoubleAndTagSubtask
            extends RichMapFunction<Integer, Tuple2<Integer, Integer>> {
        private transient int subtask;

        @Override
        public void open(OpenContext context) {
            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public Tuple2<Integer, Integer> map(Integer value) {
            return Tuple2.of(subtask, value * 2);
        }
    }
}
