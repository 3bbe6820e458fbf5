package io.beatwatch.core.patrol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A district's places at the time of a decision, riskiest first (ties by cell): what {@link
 * PatrolPlanner} draws from. A decision reads only the first few (its pool), so implementations
 * rank lazily: {@link RiskIndex#at} keeps the order between decisions, {@link #of} ranks a plain
 * collection with a bounded heap.
 */
public interface Places {

    /** Riskiest first, then by cell: the order of {@link #ranked}. */
    Comparator<Candidate> RISKIEST_FIRST =
            Comparator.comparingDouble(Candidate::risk).reversed().thenComparing(Candidate::cell);

    /** How many places have a risk above zero. */
    int size();

    /** The place of rank {@code i + 1} ({@code 0 <= i < size()}). */
    Candidate ranked(int i);

    /** The place of {@code cell} (with any risk), or null when the district does not know it. */
    Candidate get(String cell);

    /** The places of a plain collection; those with no risk are known but not ranked. */
    static Places of(Collection<Candidate> cells) {
        return new Ranked(cells, 160);
    }

    /**
     * A collection ranked on demand: the first {@code head} with a bounded heap up front, the rest
     * by one full sort if a decision reads past them. The order is a full sort's either way.
     */
    final class Ranked implements Places {
        private final Collection<Candidate> cells;
        private final List<Candidate> positive = new ArrayList<>();
        private List<Candidate> ranked;
        private boolean complete;
        private Map<String, Candidate> byCell;

        Ranked(Collection<Candidate> cells, int head) {
            this.cells = cells;
            for (Candidate x : cells) if (x.risk() > 0) positive.add(x);
            if (positive.size() <= head) {
                sortAll();
                return;
            }
            // the heap keeps the head riskiest, the least risky of them on top
            PriorityQueue<Candidate> top = new PriorityQueue<>(head + 1, RISKIEST_FIRST.reversed());
            for (Candidate x : positive) {
                if (top.size() < head) {
                    top.add(x);
                } else if (RISKIEST_FIRST.compare(x, top.peek()) < 0) {
                    top.poll();
                    top.add(x);
                }
            }
            ranked = new ArrayList<>(top);
            ranked.sort(RISKIEST_FIRST);
        }

        private void sortAll() {
            ranked = new ArrayList<>(positive);
            ranked.sort(RISKIEST_FIRST);
            complete = true;
        }

        @Override
        public int size() {
            return positive.size();
        }

        @Override
        public Candidate ranked(int i) {
            if (i >= ranked.size() && !complete) sortAll();
            return ranked.get(i);
        }

        @Override
        public Candidate get(String cell) {
            if (byCell == null) {
                byCell = new HashMap<>();
                for (Candidate x : cells) byCell.put(x.cell(), x);
            }
            return byCell.get(cell);
        }
    }
}
