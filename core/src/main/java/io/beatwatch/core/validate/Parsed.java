package io.beatwatch.core.validate;

import io.beatwatch.core.model.Reject;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of reading one untrusted record: either a value or the {@link Reject} that says why
 * not. Decoders return it instead of throwing.
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Rejected {

    /** A successful outcome. */
    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A failed outcome. */
    static <T> Parsed<T> rejected(Reject reject) {
        return new Rejected<>(reject);
    }

    /** Whether this holds a value. */
    boolean isOk();

    /** The value; throws {@link IllegalStateException} if rejected. */
    T value();

    /** The reject; throws {@link IllegalStateException} if ok. */
    Reject reject();

    /** Applies {@code f} to the value, keeping a reject as is. */
    <U> Parsed<U> map(Function<? super T, ? extends U> f);

    /** An accepted value. */
    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public Reject reject() {
            throw new IllegalStateException("not rejected");
        }

        @Override
        public <U> Parsed<U> map(Function<? super T, ? extends U> f) {
            return new Ok<>(f.apply(value));
        }
    }

    /** A rejected record. */
    record Rejected<T>(Reject reject) implements Parsed<T> {
        public Rejected {
            Objects.requireNonNull(reject, "reject");
        }

        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException(
                    "rejected: " + reject.reason().code() + ": " + reject.detail());
        }

        @Override
        public <U> Parsed<U> map(Function<? super T, ? extends U> f) {
            return new Rejected<>(reject);
        }
    }
}
