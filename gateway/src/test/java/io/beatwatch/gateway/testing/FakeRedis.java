package io.beatwatch.gateway.testing;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A stand-in for Lettuce's async commands in unit tests: each command a test uses answers what the
 * test registered with {@link #on}, every call is recorded, and any other command fails the test.
 * The answers complete at once (an answer that is a {@link Throwable} fails the command), so the
 * code under test runs without a Redis server.
 */
public final class FakeRedis {

    /** A recorded command: its name and arguments. */
    public record Call(String command, List<Object> args) {}

    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final RedisAsyncCommands<String, String> commands;

    @SuppressWarnings("unchecked")
    public FakeRedis() {
        commands =
                (RedisAsyncCommands<String, String>)
                        Proxy.newProxyInstance(
                                RedisAsyncCommands.class.getClassLoader(),
                                new Class<?>[] {RedisAsyncCommands.class},
                                (proxy, method, args) -> {
                                    if (method.getDeclaringClass() == Object.class) {
                                        return method.invoke(this, args);
                                    }
                                    var a = args == null ? new Object[0] : args;
                                    synchronized (calls) {
                                        calls.add(new Call(method.getName(), Arrays.asList(a)));
                                    }
                                    var answer = answers.get(method.getName());
                                    if (answer == null) {
                                        throw new AssertionError(
                                                "unexpected Redis command " + method.getName());
                                    }
                                    return completed(answer.apply(a));
                                });
    }

    /** Answers {@code command} with what {@code answer} computes from its arguments. */
    public FakeRedis on(String command, Function<Object[], Object> answer) {
        answers.put(command, answer);
        return this;
    }

    public RedisAsyncCommands<String, String> commands() {
        return commands;
    }

    /** The recorded calls of one command, in order. */
    public List<Call> calls(String command) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.command().equals(command)).toList();
        }
    }

    /** A completed {@link RedisFuture} of {@code value}. */
    @SuppressWarnings("unchecked")
    public static <T> RedisFuture<T> completed(T value) {
        var done =
                value instanceof Throwable t
                        ? CompletableFuture.<T>failedFuture(t)
                        : CompletableFuture.completedFuture(value);
        return (RedisFuture<T>)
                Proxy.newProxyInstance(
                        RedisFuture.class.getClassLoader(),
                        new Class<?>[] {RedisFuture.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "getError":
                                    return value instanceof Throwable t ? t.getMessage() : null;
                                case "await":
                                    return true;
                                default:
                                    Method m =
                                            CompletableFuture.class.getMethod(
                                                    method.getName(), method.getParameterTypes());
                                    try {
                                        return m.invoke(done, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                            }
                        });
    }
}
