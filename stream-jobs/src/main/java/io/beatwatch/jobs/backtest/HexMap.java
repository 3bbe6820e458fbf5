package io.beatwatch.jobs.backtest;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A map of H3 cells drawn with Java2D from {@link H3Grid#boundary}: one panel per method, each
 * showing the period's observed calls per cell (shades of blue) and the cells the method flagged
 * (red outline), zoomed to the flagged cells.
 */
public final class HexMap {

    private static final int PANEL = 520;
    private static final int TITLE = 28;
    private static final int LEGEND = 36;
    private static final Color FLAG = new Color(213, 40, 40);

    private HexMap() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Draws the panels into a PNG.
     *
     * @param cells the study area's cells
     * @param observed calls per cell in the period (same order as cells)
     * @param flagged per panel title, the flagged cells' indexes
     */
    static void draw(
            Path file, String title, String[] cells, int[] observed, Map<String, int[]> flagged)
            throws IOException {
        draw(
                file,
                title,
                cells,
                observed,
                flagged,
                "zoomed to the flagged cells; H3 cells, calls in the period");
    }

    /**
     * One panel of calls per H3 cell, zoomed to all the cells: where a feed's events lie (the map
     * {@code inspect} writes beside its report).
     */
    public static void density(
            Path file, String title, String caption, String[] cells, int[] counts)
            throws IOException {
        draw(file, title, cells, counts, Map.of(caption, new int[0]), "");
    }

    private static void draw(
            Path file,
            String title,
            String[] cells,
            int[] observed,
            Map<String, int[]> flagged,
            String caption)
            throws IOException {
        boolean anyFlagged = flagged.values().stream().anyMatch(f -> f.length > 0);
        double minLat = Double.POSITIVE_INFINITY, maxLat = Double.NEGATIVE_INFINITY;
        double minLon = Double.POSITIVE_INFINITY, maxLon = Double.NEGATIVE_INFINITY;
        for (int[] f : flagged.values()) {
            for (int c : f) {
                LatLon p = H3Grid.centroid(cells[c]);
                minLat = Math.min(minLat, p.lat());
                maxLat = Math.max(maxLat, p.lat());
                minLon = Math.min(minLon, p.lon());
                maxLon = Math.max(maxLon, p.lon());
            }
        }
        if (!Double.isFinite(minLat)) {
            for (String c : cells) {
                LatLon p = H3Grid.centroid(c);
                minLat = Math.min(minLat, p.lat());
                maxLat = Math.max(maxLat, p.lat());
                minLon = Math.min(minLon, p.lon());
                maxLon = Math.max(maxLon, p.lon());
            }
        }
        double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double spanX = Math.max(0.01, (maxLon - minLon) * kx);
        double spanY = Math.max(0.01, maxLat - minLat);
        double span = Math.max(spanX, spanY) * 1.15;
        double cx = (minLon + maxLon) / 2 * kx;
        double cy = (minLat + maxLat) / 2;
        double scale = PANEL / span;

        int n = flagged.size();
        int cols = Math.min(2, Math.max(1, n));
        int rows = (n + cols - 1) / cols;
        int w = cols * PANEL;
        int h = TITLE + rows * (PANEL + TITLE) + LEGEND;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 10, 20);

        int maxObs = 1;
        for (int o : observed) maxObs = Math.max(maxObs, o);
        Path2D.Double[] shapes = new Path2D.Double[cells.length];
        boolean[] visible = new boolean[cells.length];
        for (int c = 0; c < cells.length; c++) {
            LatLon centre = H3Grid.centroid(cells[c]);
            double px = (centre.lon() * kx - cx) * scale + PANEL / 2.0;
            double py = PANEL / 2.0 - (centre.lat() - cy) * scale;
            if (px < -20 || py < -20 || px > PANEL + 20 || py > PANEL + 20) continue;
            visible[c] = true;
            Path2D.Double s = new Path2D.Double();
            List<LatLon> b = H3Grid.boundary(cells[c]);
            for (int i = 0; i < b.size(); i++) {
                double x = (b.get(i).lon() * kx - cx) * scale + PANEL / 2.0;
                double y = PANEL / 2.0 - (b.get(i).lat() - cy) * scale;
                if (i == 0) s.moveTo(x, y);
                else s.lineTo(x, y);
            }
            s.closePath();
            shapes[c] = s;
        }
        int panel = 0;
        for (var e : flagged.entrySet()) {
            int ox = (panel % cols) * PANEL;
            int oy = TITLE + (panel / cols) * (PANEL + TITLE);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(e.getKey(), ox + 8, oy + 18);
            Graphics2D p = (Graphics2D) g.create(ox, oy + TITLE, PANEL, PANEL);
            // flat fills, no antialiasing: few colours, so the PNG stays small
            p.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            p.setColor(new Color(250, 250, 250));
            p.fillRect(0, 0, PANEL, PANEL);
            for (int c = 0; c < cells.length; c++) {
                if (!visible[c]) continue;
                p.setColor(shade(observed[c], maxObs));
                p.fill(shapes[c]);
            }
            p.setColor(FLAG);
            p.setStroke(new BasicStroke(2f));
            for (int c : e.getValue()) {
                if (visible[c]) p.draw(shapes[c]);
            }
            p.setColor(new Color(180, 180, 180));
            p.setStroke(new BasicStroke(1f));
            p.drawRect(0, 0, PANEL - 1, PANEL - 1);
            p.dispose();
            panel++;
        }
        int ly = h - LEGEND + 8;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int lx = 10;
        for (int v : new int[] {0, 1, Math.max(2, maxObs / 4), Math.max(3, maxObs)}) {
            g.setColor(shade(v, maxObs));
            g.fillRect(lx, ly, 18, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(lx, ly, 18, 14);
            g.drawString(v + " calls", lx + 24, ly + 12);
            lx += 100;
        }
        if (anyFlagged) {
            g.setColor(FLAG);
            g.setStroke(new BasicStroke(2f));
            g.drawRect(lx, ly, 18, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawString("flagged cell", lx + 24, ly + 12);
            lx += 140;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(caption, lx, ly + 12);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static Color shade(int count, int max) {
        if (count <= 0) return new Color(236, 236, 236);
        double f = Math.log1p(count) / Math.log1p(Math.max(1, max));
        int r = (int) Math.round(200 - 170 * f);
        int gr = (int) Math.round(220 - 130 * f);
        int b = (int) Math.round(245 - 60 * f);
        return new Color(r, gr, b);
    }
}
