package io.beatwatch.core.draft;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * The time zone of a place, from the nearest of a list of reference cities: enough to tell the
 * zones of the United States apart, and the large cities elsewhere. A guess for a draft profile,
 * always reviewed; far from every reference it says so.
 */
public final class ZoneTable {

    /** A reference place. */
    public record Place(String name, double lat, double lon, String zone) {}

    /** Beyond this distance from every reference place, the zone is not guessed from location. */
    public static final double MAX_KM = 600;

    /** The nearest reference place and how far it is. */
    public record Nearest(Place place, double km) {
        public ZoneId zone() {
            return ZoneId.of(place.zone());
        }
    }

    static final List<Place> PLACES =
            List.of(
                    new Place("Seattle", 47.61, -122.33, "America/Los_Angeles"),
                    new Place("Spokane", 47.66, -117.43, "America/Los_Angeles"),
                    new Place("Portland", 45.52, -122.68, "America/Los_Angeles"),
                    new Place("Eugene", 44.05, -123.09, "America/Los_Angeles"),
                    new Place("San Francisco", 37.77, -122.42, "America/Los_Angeles"),
                    new Place("Sacramento", 38.58, -121.49, "America/Los_Angeles"),
                    new Place("Fresno", 36.74, -119.79, "America/Los_Angeles"),
                    new Place("Los Angeles", 34.05, -118.24, "America/Los_Angeles"),
                    new Place("San Diego", 32.72, -117.16, "America/Los_Angeles"),
                    new Place("Las Vegas", 36.17, -115.14, "America/Los_Angeles"),
                    new Place("Reno", 39.53, -119.81, "America/Los_Angeles"),
                    new Place("Boise", 43.62, -116.20, "America/Boise"),
                    new Place("Phoenix", 33.45, -112.07, "America/Phoenix"),
                    new Place("Tucson", 32.22, -110.97, "America/Phoenix"),
                    new Place("Salt Lake City", 40.76, -111.89, "America/Denver"),
                    new Place("Denver", 39.74, -104.99, "America/Denver"),
                    new Place("Albuquerque", 35.08, -106.65, "America/Denver"),
                    new Place("El Paso", 31.76, -106.49, "America/Denver"),
                    new Place("Billings", 45.78, -108.50, "America/Denver"),
                    new Place("San Antonio", 29.42, -98.49, "America/Chicago"),
                    new Place("Austin", 30.27, -97.74, "America/Chicago"),
                    new Place("Houston", 29.76, -95.37, "America/Chicago"),
                    new Place("Dallas", 32.78, -96.80, "America/Chicago"),
                    new Place("Oklahoma City", 35.47, -97.52, "America/Chicago"),
                    new Place("Kansas City", 39.10, -94.58, "America/Chicago"),
                    new Place("Omaha", 41.26, -95.93, "America/Chicago"),
                    new Place("Minneapolis", 44.98, -93.27, "America/Chicago"),
                    new Place("Chicago", 41.88, -87.63, "America/Chicago"),
                    new Place("Milwaukee", 43.04, -87.91, "America/Chicago"),
                    new Place("St. Louis", 38.63, -90.20, "America/Chicago"),
                    new Place("Memphis", 35.15, -90.05, "America/Chicago"),
                    new Place("Nashville", 36.16, -86.78, "America/Chicago"),
                    new Place("New Orleans", 29.95, -90.07, "America/Chicago"),
                    new Place("Birmingham", 33.52, -86.80, "America/Chicago"),
                    new Place("Indianapolis", 39.77, -86.16, "America/Indiana/Indianapolis"),
                    new Place("Louisville", 38.25, -85.76, "America/Kentucky/Louisville"),
                    new Place("Detroit", 42.33, -83.05, "America/Detroit"),
                    new Place("Cleveland", 41.50, -81.69, "America/New_York"),
                    new Place("Columbus", 39.96, -83.00, "America/New_York"),
                    new Place("Cincinnati", 39.10, -84.51, "America/New_York"),
                    new Place("Pittsburgh", 40.44, -80.00, "America/New_York"),
                    new Place("Atlanta", 33.75, -84.39, "America/New_York"),
                    new Place("Charlotte", 35.23, -80.84, "America/New_York"),
                    new Place("Raleigh", 35.78, -78.64, "America/New_York"),
                    new Place("Jacksonville", 30.33, -81.66, "America/New_York"),
                    new Place("Tampa", 27.95, -82.46, "America/New_York"),
                    new Place("Miami", 25.76, -80.19, "America/New_York"),
                    new Place("Washington", 38.91, -77.04, "America/New_York"),
                    new Place("Baltimore", 39.29, -76.61, "America/New_York"),
                    new Place("Philadelphia", 39.95, -75.17, "America/New_York"),
                    new Place("New York", 40.71, -74.01, "America/New_York"),
                    new Place("Boston", 42.36, -71.06, "America/New_York"),
                    new Place("Buffalo", 42.89, -78.88, "America/New_York"),
                    new Place("Anchorage", 61.22, -149.90, "America/Anchorage"),
                    new Place("Honolulu", 21.31, -157.86, "Pacific/Honolulu"),
                    new Place("Toronto", 43.65, -79.38, "America/Toronto"),
                    new Place("Vancouver", 49.28, -123.12, "America/Vancouver"),
                    new Place("Calgary", 51.05, -114.07, "America/Edmonton"),
                    new Place("Winnipeg", 49.90, -97.14, "America/Winnipeg"),
                    new Place("Montreal", 45.50, -73.57, "America/Toronto"),
                    new Place("Mexico City", 19.43, -99.13, "America/Mexico_City"),
                    new Place("London", 51.51, -0.13, "Europe/London"),
                    new Place("Dublin", 53.35, -6.26, "Europe/Dublin"),
                    new Place("Paris", 48.86, 2.35, "Europe/Paris"),
                    new Place("Amsterdam", 52.37, 4.90, "Europe/Amsterdam"),
                    new Place("Berlin", 52.52, 13.40, "Europe/Berlin"),
                    new Place("Stuttgart", 48.78, 9.18, "Europe/Berlin"),
                    new Place("Madrid", 40.42, -3.70, "Europe/Madrid"),
                    new Place("Rome", 41.90, 12.50, "Europe/Rome"),
                    new Place("Stockholm", 59.33, 18.07, "Europe/Stockholm"),
                    new Place("Sydney", -33.87, 151.21, "Australia/Sydney"),
                    new Place("Melbourne", -37.81, 144.96, "Australia/Melbourne"),
                    new Place("Auckland", -36.85, 174.76, "Pacific/Auckland"),
                    new Place("Sao Paulo", -23.55, -46.63, "America/Sao_Paulo"));

    /**
     * Zones tried when only the daily rhythm of an instant column speaks (no location), in order of
     * preference for the same offset.
     */
    static final List<String> RHYTHM_ZONES =
            List.of(
                    "America/New_York",
                    "America/Chicago",
                    "America/Denver",
                    "America/Los_Angeles",
                    "America/Phoenix",
                    "America/Anchorage",
                    "Pacific/Honolulu",
                    "America/Sao_Paulo",
                    "UTC",
                    "Europe/London",
                    "Europe/Berlin",
                    "Europe/Helsinki",
                    "Asia/Kolkata",
                    "Asia/Shanghai",
                    "Asia/Tokyo",
                    "Australia/Sydney",
                    "Pacific/Auckland");

    private ZoneTable() {}

    /** The nearest reference place to a point. */
    public static Nearest nearest(double lat, double lon) {
        return PLACES.stream()
                .map(p -> new Nearest(p, km(lat, lon, p.lat(), p.lon())))
                .min(Comparator.comparingDouble(Nearest::km))
                .orElseThrow();
    }

    /** The first of {@link #RHYTHM_ZONES} whose offset at {@code when} is {@code offsetHours}. */
    public static ZoneId forOffset(int offsetHours, Instant when) {
        for (String z : RHYTHM_ZONES) {
            ZoneId id = ZoneId.of(z);
            if (id.getRules().getOffset(when).getTotalSeconds() == offsetHours * 3600) {
                return id;
            }
        }
        return null;
    }

    /** Great-circle distance in kilometres. */
    static double km(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2)
                        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
