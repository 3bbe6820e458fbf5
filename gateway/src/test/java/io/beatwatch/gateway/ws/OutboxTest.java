package io.beatwatch.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.internal.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A transport that accepts writes only while "open". */
    static final class FakeSink implements Outbox.Sink {
        boolean full;
        final List<String> written = new ArrayList<>();

        @Override
        public boolean full() {
            return full;
        }

        @Override
        public void write(Outbox.Frame frame) {
            written.add(frame.text());
        }
    }

    static Outbox.Frame f(String s) {
        return new Outbox.Frame(s, -1);
    }

    @Test
    void writesInOrderAndHoldsWhileTheTransportIsFull() {
        var sink = new FakeSink();
        var box = new Outbox(sink, 3);
        assertThat(box.offer(f("a1"))).isEqualTo(Outbox.State.DRAINED);
        sink.full = true;
        assertThat(box.offer(f("a2"))).isEqualTo(Outbox.State.BLOCKED);
        assertThat(box.offer(f("a3"))).isEqualTo(Outbox.State.BLOCKED);
        assertThat(box.blocked()).isTrue();
        sink.full = false;
        assertThat(box.pump()).isEqualTo(Outbox.State.DRAINED);
        assertThat(sink.written).containsExactly("a1", "a2", "a3");
    }

    @Test
    void neverDropsOrderedFramesAndReportsOverflowPastTheCap() {
        var sink = new FakeSink();
        var box = new Outbox(sink, 2);
        sink.full = true;
        assertThat(box.offer(f("a1"))).isEqualTo(Outbox.State.BLOCKED);
        assertThat(box.offer(f("a2"))).isEqualTo(Outbox.State.BLOCKED);
        assertThat(box.offer(f("a3"))).isEqualTo(Outbox.State.OVERFLOW);
        assertThat(box.queued()).isEqualTo(3);
    }

    @Test
    void cellsAreCoalescedPerKeyAndWaitForOrderedFrames() throws Exception {
        var sink = new FakeSink();
        var box = new Outbox(sink, 10);
        assertThat(box.offerCell("c1:60", "{\"cell\":\"c1\",\"observed\":1}")).isFalse();
        assertThat(box.offerCell("c1:60", "{\"cell\":\"c1\",\"observed\":2}")).isTrue();
        assertThat(box.offerCell("c2:60", "{\"cell\":\"c2\",\"observed\":5}")).isFalse();
        sink.full = true;
        box.offer(f("alert"));
        assertThat(box.flushCells()).isZero();
        sink.full = false;
        box.pump();
        assertThat(box.flushCells()).isEqualTo(2);
        assertThat(sink.written).hasSize(2);
        assertThat(sink.written.get(0)).isEqualTo("alert");
        var cells = Json.tree(sink.written.get(1));
        assertThat(cells.path("type").asText()).isEqualTo("cells");
        assertThat(cells.path("cells").findValuesAsText("observed")).containsExactly("2", "5");
        assertThat(box.flushCells()).isZero();
        assertThat(box.pendingCells()).isZero();
    }

    @Test
    void largeCellBatchesAreSplitIntoSeveralFrames() {
        var sink = new FakeSink();
        var box = new Outbox(sink, 10);
        for (int i = 0; i < Outbox.CELLS_PER_FRAME + 1; i++) {
            box.offerCell("c" + i, "{\"cell\":\"c" + i + "\"}");
        }
        assertThat(box.flushCells()).isEqualTo(Outbox.CELLS_PER_FRAME + 1);
        assertThat(sink.written).hasSize(2);
    }

    @Test
    void registryCapsConnectionsPerUser() {
        var reg = new SessionRegistry(2);
        assertThat(reg.tryAcquire("u")).isTrue();
        assertThat(reg.tryAcquire("u")).isTrue();
        assertThat(reg.tryAcquire("u")).isFalse();
        assertThat(reg.tryAcquire("v")).isTrue();
        reg.release("u");
        assertThat(reg.tryAcquire("u")).isTrue();
        assertThat(reg.total()).isEqualTo(3);
        assertThat(reg.of("u")).isEqualTo(2);
    }
}
