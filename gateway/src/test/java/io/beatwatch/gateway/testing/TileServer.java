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
 * A local XYZ and WMS tile server for browser tests: {@code GET /{z}/{x}/{y}.png} and {@code GET
 * /wms?REQUEST=GetMap&BBOX=...} answer a generated 256 px PNG (a street-like grid, a park block and
 * the tile's edge), and count what was asked, so a test proves the console's base layer without the
 * internet. A WMS request is answered only when its bbox is exactly one EPSG:3857 tile.
 */
public final class TileServer implements AutoCloseable {

    private static final Pattern TILE = Pattern.compile("/(\\d{1,2})/(\\d{1,8})/(\\d{1,8})\\.png");

    private static final byte[] PNG = png();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> tiles = ConcurrentHashMap.newKeySet();
    private final Set<String> wmsTiles = ConcurrentHashMap.newKeySet();
    private final AtomicInteger wmsRejected = new AtomicInteger();

    /** Half the width of the EPSG:3857 world, metres. */
    static final double HALF_WORLD = 20037508.342789244;

    private TileServer() throws Exception {
        server =
                vertx.createHttpServer()
                        .requestHandler(
                                req -> {
                                    if (req.path().equals("/wms")) {
                                        var tile = wmsTile(req.params());
                                        if (tile == null) {
                                            wmsRejected.incrementAndGet();
                                            req.response().setStatusCode(400).end();
                                            return;
                                        }
                                        requests.incrementAndGet();
                                        wmsTiles.add(tile);
                                        req.response()
                                                .putHeader("Content-Type", "image/png")
                                                .putHeader("Access-Control-Allow-Origin", "*")
                                                .end(Buffer.buffer(PNG));
                                        return;
                                    }
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

    /** The WMS endpoint (its GetMap requests carry the parameters). */
    public String wmsUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/wms";
    }

    /** The WMS tiles asked for, as {@code z/x/y} recovered from each request's bbox. */
    public Set<String> wmsTiles() {
        return Set.copyOf(wmsTiles);
    }

    /** WMS requests refused: not GetMap EPSG:3857 256 px, or a bbox that is not one tile. */
    public int wmsRejected() {
        return wmsRejected.get();
    }

    /**
     * The tile {@code z/x/y} a GetMap request asks for, or null when it is not a 256 px EPSG:3857
     * GetMap of exactly one tile (to a centimetre).
     */
    static String wmsTile(io.vertx.core.MultiMap p) {
        if (!"GetMap".equalsIgnoreCase(p.get("REQUEST"))
                || !"EPSG:3857".equals(p.get("SRS"))
                || !"256".equals(p.get("WIDTH"))
                || !"256".equals(p.get("HEIGHT"))
                || p.get("LAYERS") == null
                || p.get("BBOX") == null) {
            return null;
        }
        var b = p.get("BBOX").split(",");
        if (b.length != 4) {
            return null;
        }
        double w = Double.parseDouble(b[0]);
        double s = Double.parseDouble(b[1]);
        double e = Double.parseDouble(b[2]);
        double n = Double.parseDouble(b[3]);
        double size = e - w;
        int z = (int) Math.round(Math.log(2 * HALF_WORLD / size) / Math.log(2));
        double tile = 2 * HALF_WORLD / Math.pow(2, z);
        double x = (w + HALF_WORLD) / tile;
        double y = (HALF_WORLD - n) / tile;
        boolean aligned =
                Math.abs(size - tile) < 0.02
                        && Math.abs((n - s) - tile) < 0.02
                        && Math.abs(x - Math.round(x)) * tile < 0.02
                        && Math.abs(y - Math.round(y)) * tile < 0.02;
        return aligned ? z + "/" + Math.round(x) + "/" + Math.round(y) : null;
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
