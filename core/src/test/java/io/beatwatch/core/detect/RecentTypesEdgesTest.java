package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.model.TypeCount;
import org.junit.jupiter.api.Test;

/** {@link RecentTypes} at the edges of its span, its window and its top k, and as a POJO. */
class RecentTypesEdgesTest {

    @Test
    void aPairExactlyASpanBehindTheNewestIsDropped() {
        var r = new RecentTypes();
        r.add(100, "Theft", 60);
        r.add(101, "Assault", 60);
        r.add(160, "Theft", 60); // 100 is a span behind: dropped; 101 stays
        assertThat(r.getMinutes()).containsExactly(101, 160);
        assertThat(r.getTypes()).containsExactly("Assault", "Theft");
        // a late pair does not move the newest back
        r.add(150, "Burglary", 60);
        assertThat(r.getMinutes()).containsExactly(101, 160, 150);
    }

    @Test
    void theWindowIsOpenAtItsStartAndClosedAtNowAndTiesGoByName() {
        var r = new RecentTypes();
        r.add(100, "Theft", 600);
        r.add(110, "Burglary", 600);
        r.add(110, "Assault", 600);
        r.add(120, "Assault", 600);
        r.add(121, "Vandalism", 600);
        assertThat(r.top(120, 10, 5)).containsExactly(new TypeCount("Assault", 1));
        assertThat(r.top(120, 11, 5))
                .containsExactly(new TypeCount("Assault", 2), new TypeCount("Burglary", 1));
        assertThat(r.top(120, 21, 5))
                .containsExactly(
                        new TypeCount("Assault", 2),
                        new TypeCount("Burglary", 1),
                        new TypeCount("Theft", 1));
        assertThat(r.top(120, 21, 2))
                .containsExactly(new TypeCount("Assault", 2), new TypeCount("Burglary", 1));
        assertThat(r.top(120, 21, 3)).hasSize(3);
    }

    @Test
    void emptyOnceTheNewestPairIsASpanOld() {
        var r = new RecentTypes();
        assertThat(r.isEmpty(0, 60)).isTrue();
        r.add(100, "Theft", 60);
        assertThat(r.isEmpty(159, 60)).isFalse();
        assertThat(r.isEmpty(160, 60)).isTrue();
        var copy = new RecentTypes();
        copy.setMinutes(r.getMinutes());
        copy.setTypes(r.getTypes());
        assertThat(copy.top(100, 1, 1)).containsExactly(new TypeCount("Theft", 1));
    }
}
