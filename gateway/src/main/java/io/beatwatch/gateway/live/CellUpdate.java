package io.beatwatch.gateway.live;

import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.CellView;

/** A changed cell and its protocol JSON, serialized once for every console. */
public record CellUpdate(CellView view, String json) {

    public static CellUpdate of(CellView view) {
        return new CellUpdate(view, Json.write(view.toJson()));
    }

    public String key() {
        return view.key();
    }

    public String district() {
        return view.district();
    }
}
