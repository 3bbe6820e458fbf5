package io.beatwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** HTTP scrapes of a running component, and bounded waits for what they show. */
final class Scrapes {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrapes() {}

    /** GET {@code url}; the status and body. */
    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Scrapes {@code url} until {@code done} holds, at most {@code timeout}, and returns the last
     * scrape: the caller's assertions then say what is missing. Fails only if nothing answered.
     */
    static PromText until(String url, Predicate<PromText> done, Duration timeout)
            throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        PromText last = null;
        Exception error = null;
        while (Instant.now().isBefore(end)) {
            try {
                var r = get(url);
                if (r.statusCode() == 200) {
                    last = PromText.parse(r.body());
                    if (done.test(last)) return last;
                }
            } catch (UncheckedIOException e) {
                error = e; // the reporter's server may not be up yet
            }
            Thread.sleep(250);
        }
        if (last == null)
            throw new AssertionError("no scrape of " + url + " within " + timeout, error);
        return last;
    }

    /** A port no one listens on now (Flink's reporter takes a port number, not 0). */
    static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
