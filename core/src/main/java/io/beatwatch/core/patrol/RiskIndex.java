package io.beatwatch.core.patrol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A district's cells in risk order, kept between decisions so that a round costs its pool, not the
 * district.
 *
 * <p>Every cell's risk decays with the same half-life {@code h}: a risk {@code r} measured at
 * {@code t₀} is {@code r · 2^(-(t - t₀)/h)} at {@code t}, so {@code log₂ r + t₀/h} orders the cells
 * the same way at every {@code t}. The index keeps that order (a tree), ranks the head on demand at
 * a decision's time, and drops the tail that has decayed below a floor, so nothing is sorted again
 * per round.
 */
public final class RiskIndex {

    private static final Comparator<Item> ORDER =
            Comparator.comparingDouble((Item i) -> i.key).reversed().thenComparing(i -> i.cell);

    private final Duration halfLife;
    private final double halfLifeMillis;
    private final Map<String, Item> byCell = new HashMap<>();
    private final TreeSet<Item> order = new TreeSet<>(ORDER);

    public RiskIndex(Duration halfLife) {
        this.halfLife = halfLife;
        this.halfLifeMillis = halfLife.toMillis();
    }

    private record Item(
            String cell, String beat, String neighbourhood, double risk, long riskAt, double key) {}

    /**
     * Sets {@code cell}'s risk, measured at {@code riskAt}; a risk of zero or less removes it.
     * Returns whether the cell is held.
     */
    public boolean put(String cell, String beat, String neighbourhood, double risk, long riskAt) {
        remove(cell);
        if (!(risk > 0)) return false;
        double key = Math.log(risk) / Math.log(2) + riskAt / halfLifeMillis;
        Item item = new Item(cell, beat, neighbourhood, risk, riskAt, key);
        byCell.put(cell, item);
        order.add(item);
        return true;
    }

    /** Forgets {@code cell}. */
    public void remove(String cell) {
        Item old = byCell.remove(cell);
        if (old != null) order.remove(old);
    }

    /** How many cells it holds. */
    public int size() {
        return byCell.size();
    }

    /** Removes and returns the cells whose risk at {@code now} is below {@code floor}. */
    public List<String> dropBelow(double floor, long now) {
        List<String> gone = new ArrayList<>();
        while (!order.isEmpty() && riskAt(order.last(), now) < floor) {
            Item last = order.pollLast();
            byCell.remove(last.cell);
            gone.add(last.cell);
        }
        return gone;
    }

    /** The cells as {@link Places} at {@code now} (valid until the index changes). */
    public Places at(long now) {
        return new Places() {
            private final Iterator<Item> next = order.iterator();
            private final List<Candidate> head = new ArrayList<>();

            @Override
            public int size() {
                return order.size();
            }

            @Override
            public Candidate ranked(int i) {
                while (head.size() <= i) head.add(candidate(next.next(), now));
                return head.get(i);
            }

            @Override
            public Candidate get(String cell) {
                Item item = byCell.get(cell);
                return item == null ? null : candidate(item, now);
            }
        };
    }

    private double riskAt(Item i, long now) {
        return Candidate.decayed(i.risk, i.riskAt, now, halfLife);
    }

    private Candidate candidate(Item i, long now) {
        return new Candidate(i.cell, i.beat, i.neighbourhood, riskAt(i, now));
    }
}
