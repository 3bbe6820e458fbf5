package io.beatwatch.gateway.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;

/**
 * Brings a Lettuce (or any) completion stage back onto a Vert.x context, so handlers never run on
 * Lettuce's I/O threads.
 */
public final class Async {

    private Async() {}

    public static <T> Future<T> on(Context context, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, context);
    }
}
