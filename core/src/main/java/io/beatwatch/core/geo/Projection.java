package io.beatwatch.core.geo;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.UnknownAuthorityCodeException;
import org.locationtech.proj4j.UnsupportedParameterException;

/**
 * Converts projected x/y (easting, northing) in one system, named by its EPSG code, to WGS84
 * latitude / longitude with proj4j. Not thread-safe (one per reader: it reuses its buffers).
 */
public final class Projection {

    private static final CRSFactory CRS = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    private final String epsg;
    private final CoordinateTransform transform;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    private Projection(String epsg, CoordinateTransform transform) {
        this.epsg = epsg;
        this.transform = transform;
    }

    /** The projection from {@code epsg} (e.g. {@code EPSG:2269}); names the fix when unknown. */
    public static Projection of(String epsg) {
        String code = epsg == null ? "" : epsg.strip();
        if (!code.toUpperCase(java.util.Locale.ROOT).startsWith("EPSG:")) {
            throw new IllegalArgumentException(
                    "projection '" + epsg + "' must be an EPSG code, e.g. 'projection: EPSG:2269'");
        }
        code = "EPSG:" + code.substring(5).strip();
        try {
            return new Projection(
                    code,
                    TRANSFORMS.createTransform(
                            CRS.createFromName(code), CRS.createFromName("EPSG:4326")));
        } catch (UnknownAuthorityCodeException | UnsupportedParameterException e) {
            throw new IllegalArgumentException(
                    "projection '" + epsg + "' is not an EPSG code proj4j knows: " + e.getMessage(),
                    e);
        }
    }

    /** The EPSG code. */
    public String epsg() {
        return epsg;
    }

    /** {lat, lon} of a point; NaNs when the point is outside the projection's domain. */
    public double[] toDegrees(double x, double y) {
        in.x = x;
        in.y = y;
        try {
            transform.transform(in, out);
            return new double[] {out.y, out.x};
        } catch (RuntimeException e) {
            // proj4j throws on points it cannot invert: they have no location
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}
