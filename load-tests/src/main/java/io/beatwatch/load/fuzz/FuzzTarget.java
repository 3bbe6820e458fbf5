package io.beatwatch.load.fuzz;

import java.util.SplittableRandom;

/**
 * One piece of code under fuzz: it makes an input from a random source and runs it. {@link #run}
 * returns whether the input was accepted; a reject without a named reason, or any exception the
 * code does not document, is thrown and counted as a crash.
 */
public interface FuzzTarget {

    /** Short name: {@code decoder}, {@code csv}, {@code profile}. */
    String name();

    /** A new input, a pure function of {@code r}. */
    Object generate(SplittableRandom r);

    /** Runs one input; true if accepted, false if rejected with a named reason. */
    boolean run(Object input) throws Exception;

    /**
     * Whether {@code t}, thrown by {@link #run}, is the code's documented failure for bad input.
     */
    boolean documented(Throwable t);

    /** The input as text, for the saved crash files. */
    default String describe(Object input) {
        if (input instanceof byte[] b) {
            return "base64:" + java.util.Base64.getEncoder().encodeToString(b);
        }
        return String.valueOf(input);
    }

    /** Thrown when a reject carries no reason or detail: a crash, not a documented reject. */
    final class UnnamedReject extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnnamedReject(String what) {
            super(what);
        }
    }
}
