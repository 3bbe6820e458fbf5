package io.beatwatch.core.inspect;

/** Told every few thousand rows how far a long read has come; throttle output on your side. */
@FunctionalInterface
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = (rows, bytesRead, totalBytes) -> {};

    /**
     * @param rows rows read so far
     * @param bytesRead file bytes consumed so far (compressed bytes for gzip)
     * @param totalBytes file size, or -1 when unknown
     */
    void progress(long rows, long bytesRead, long totalBytes);
}
