package io.beatwatch.jobs.patrol;

/**
 * The suggestions of one district that dispatchers can still act on (suggested and not lapsed,
 * accepted, on scene), as their JSON, at an event time: the absolute content of the district's
 * Redis hash.
 */
public final class DistrictBoard {

    public String district;
    public long time;
    public String[] ids;
    public String[] json;

    public DistrictBoard() {}
}
