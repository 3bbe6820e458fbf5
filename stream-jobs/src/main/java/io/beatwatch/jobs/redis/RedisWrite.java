package io.beatwatch.jobs.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.Serializable;
import java.util.List;

/** How one element becomes Redis commands: absolute values only, so a re-send is harmless. */
@FunctionalInterface
public interface RedisWrite<T> extends Serializable {
    List<RedisFuture<?>> write(T element, RedisAsyncCommands<String, String> redis);
}
