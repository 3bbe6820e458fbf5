package io.beatwatch.core.detect;

import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.Signal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Binary form of a place's {@link ZoneAlert} (nullable) inside a detector snapshot. */
final class AlertCodec {

    private AlertCodec() {}

    static void write(DataOutput out, ZoneAlert a) throws IOException {
        out.writeBoolean(a != null);
        if (a == null) return;
        out.writeUTF(a.alertId());
        out.writeBoolean(a.open());
        out.writeUTF(a.zone());
        out.writeInt(a.ring());
        out.writeInt(a.windowMinutes());
        out.writeLong(a.openedAtMillis());
        out.writeInt(a.revision());
        out.writeDouble(a.lastScore());
        out.writeLong(a.lastObserved());
        out.writeInt(a.lastRing());
        out.writeInt(a.lastWindowMinutes());
        out.writeUTF(a.lastSignal() == null ? "" : a.lastSignal().name());
        out.writeUTF(a.lastCategory() == null ? "" : a.lastCategory().name());
        out.writeLong(a.lastReportedAtMillis());
        out.writeDouble(a.peakScore());
        out.writeLong(a.closedAtMillis());
    }

    static ZoneAlert read(DataInput in) throws IOException {
        if (!in.readBoolean()) return null;
        String id = in.readUTF();
        boolean open = in.readBoolean();
        String zone = in.readUTF();
        int ring = in.readInt();
        int window = in.readInt();
        long openedAt = in.readLong();
        int revision = in.readInt();
        double lastScore = in.readDouble();
        long lastObserved = in.readLong();
        int lastRing = in.readInt();
        int lastWindow = in.readInt();
        String signal = in.readUTF();
        String category = in.readUTF();
        long lastReported = in.readLong();
        double peak = in.readDouble();
        long closedAt = in.readLong();
        return new ZoneAlert(
                id,
                open,
                zone,
                ring,
                window,
                openedAt,
                revision,
                lastScore,
                lastObserved,
                lastRing,
                lastWindow,
                signal.isEmpty() ? null : Signal.valueOf(signal),
                category.isEmpty() ? null : EmergenceCategory.valueOf(category),
                lastReported,
                peak,
                closedAt);
    }
}
