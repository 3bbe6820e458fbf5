package io.beatwatch.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A local XYZ tile server for browser tests: {@code GET /{z}/{x}/{y}.png} answers a generated 256
 * px PNG (a street-like grid, a park block and the tile's edge), and counts what was asked, so a
 * test proves the console's base layer without the internet.
 */
public final class TileServer implements AutoCloseable {

    private static final Pattern TILE = Pattern.compile("/(\\d{1,2})/(\\d{1,8})/(\\d{1,8})\\.png");

    private static final byte[] PNG = png();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> tiles = ConcurrentHashMap.newKeySet();

    private TileServer() throws Exception {
        server =
                vertx.createHttpServer()
                        .requestHandler(
                                req -> {
                                    var m = TILE.matcher(req.path());
                                    if (!m.matches()) {
                                        req.response().setStatusCode(404).end();
                                        return;
                                    }
                                    requests.incrementAndGet();
                                    var name = m.group(1) + "/" + m.group(2) + "/" + m.group(3);
                                    tiles.add(name);
                                    req.response()
                                            .putHeader("Content-Type", "image/png")
                                            .putHeader("Access-Control-Allow-Origin", "*")
                                            .end(Buffer.buffer(PNG));
                                })
                        .listen(0, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);
    }

    public static TileServer start() throws Exception {
        return new TileServer();
    }

    /** The URL template the gateway is configured with. */
    public String urlTemplate() {
        return "http://127.0.0.1:" + server.actualPort() + "/{z}/{x}/{y}.png";
    }

    public int requests() {
        return requests.get();
    }

    /** The tiles asked for, as {@code z/x/y}. */
    public Set<String> tiles() {
        return Set.copyOf(tiles);
    }

    static byte[] png() {
        var img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x2b3440));
            g.fillRect(0, 0, 256, 256);
            g.setColor(new Color(0x55606e));
            g.setStroke(new BasicStroke(6));
            for (int i = 32; i < 256; i += 64) {
                g.drawLine(i, 0, i, 256);
                g.drawLine(0, i, 256, i);
            }
            g.setColor(new Color(0x3c6e47));
            g.fillRect(80, 80, 40, 40);
            g.setColor(new Color(0x8a96a3));
            g.setStroke(new BasicStroke(1));
            g.drawRect(0, 0, 255, 255);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
