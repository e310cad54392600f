package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingTest {

    private final Ring ring = new Ring(3, 4, List.of("a", "b", "c"), List.of("a", "b", "a", "b"));

    @Test
    void ownerOfEachPartitionIsItsEntryInOwners() {
        assertThat(ring.owner(0)).isEqualTo("a");
        assertThat(ring.owner(3)).isEqualTo("b");
        assertThatThrownBy(() -> ring.owner(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void ownershipCountsListEveryMemberIncludingThoseOwningNothing() {
        assertThat(ring.ownershipCounts()).containsExactly(
                java.util.Map.entry("a", 2), java.util.Map.entry("b", 2), java.util.Map.entry("c", 0));
    }

    @Test
    void partitionsOwnedByAreAscending() {
        assertThat(ring.partitionsOwnedBy("b")).containsExactly(1, 3);
        assertThat(ring.partitionsOwnedBy("c")).isEmpty();
        assertThat(ring.partitionsOwnedBy("stranger")).isEmpty();
    }

    @Test
    void membershipIsByNodeId() {
        assertThat(ring.isMember("c")).isTrue();
        assertThat(ring.isMember("d")).isFalse();
        assertThat(ring.isMember(null)).isFalse();
    }

    @Test
    void membersMustBeSortedAndDistinct() {
        assertThatThrownBy(() -> new Ring(1, 2, List.of("b", "a"), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ring(1, 2, List.of("a", "a"), List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPartitionNeedsAnOwnerThatIsAMember() {
        assertThatThrownBy(() -> new Ring(1, 2, List.of("a"), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ring(1, 2, List.of("a"), List.of("a", "z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ring(1, 3, List.of("a"), List.of("a", "a", "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsAreCopiedSoTheRingCannotChangeUnderneath() {
        java.util.ArrayList<String> owners = new java.util.ArrayList<>(List.of("a", "a"));
        Ring copy = new Ring(1, 2, List.of("a"), owners);
        owners.set(0, "z");
        assertThat(copy.owner(0)).isEqualTo("a");
        assertThatThrownBy(() -> copy.owners().set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
    }
}
