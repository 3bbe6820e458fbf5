package io.beatwatch.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What a full read of a feed file found about its order, remembered per file (path, size, last
 * change) in {@code $BEATWATCH_CACHE/feed-order.properties} (default {@code ~/.cache/beatwatch}). A
 * file known to be in time order can be closed once a replay's period is behind it; one that is not
 * known is read to its end (and is known afterwards).
 */
final class FeedOrder {

    private FeedOrder() {}

    /** Whether a full read of {@code file}, as it is now, found it in time order. */
    static boolean knownInOrder(Path file) {
        String key = key(file);
        return key != null && "in-order".equals(load().getProperty(key));
    }

    /** Records what a full read of {@code file} found; best effort (a cache). */
    static synchronized void remember(Path file, boolean inOrder) {
        String key = key(file);
        if (key == null) return;
        Properties p = load();
        p.setProperty(key, inOrder ? "in-order" : "out-of-order");
        Path store = store();
        try {
            Files.createDirectories(store.getParent());
            Path tmp = Files.createTempFile(store.getParent(), "feed-order", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "what full reads found about feed files' time order (a cache)");
            }
            Files.move(
                    tmp,
                    store,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a cache: without it the next replay reads the whole file again
        }
    }

    private static String key(Path file) {
        try {
            Path f = file.toAbsolutePath().normalize();
            return f + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        Path store = store();
        if (Files.isReadable(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable cache: as if empty
            }
        }
        return p;
    }

    static Path store() {
        String dir = System.getenv("BEATWATCH_CACHE");
        if (dir == null || dir.isBlank()) dir = System.getProperty("beatwatch.cache");
        Path base =
                dir == null || dir.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".cache", "beatwatch")
                        : Path.of(dir);
        return base.resolve("feed-order.properties");
    }
}
