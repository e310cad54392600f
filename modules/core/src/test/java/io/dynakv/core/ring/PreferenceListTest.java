package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PreferenceListTest {

    // Partition:                 0    1    2    3    4    5    6    7
    private final Ring ring = new Ring(1, 8, List.of("a", "b", "c", "d", "e"),
            List.of("a", "b", "a", "c", "d", "b", "e", "c"));

    @Test
    void walkTakesEachOwnerOnceInClockwiseOrderWrappingAround() {
        assertThat(PreferenceList.walk(ring, 0)).containsExactly("a", "b", "c", "d", "e");
        assertThat(PreferenceList.walk(ring, 5)).containsExactly("b", "e", "c", "a", "d");
        assertThat(PreferenceList.walk(ring, 7)).containsExactly("c", "a", "b", "d", "e");
    }

    @Test
    void walkLeavesOutMembersThatOwnNothing() {
        Ring withIdleMember = new Ring(1, 2, List.of("a", "b", "c"), List.of("a", "b"));
        assertThat(PreferenceList.walk(withIdleMember, 1)).containsExactly("b", "a");
    }

    @Test
    void primariesAreTheFirstNNodesOfTheWalk() {
        PreferenceList list = PreferenceList.primaries(ring, 5, 3);
        assertThat(list.partition()).isEqualTo(5);
        assertThat(list.nodes()).containsExactly("b", "e", "c");
        assertThat(list.targets()).allSatisfy(t -> {
            assertThat(t.primary()).isTrue();
            assertThat(t.hintFor()).isNull();
        });
    }

    @Test
    void clusterSmallerThanNGivesEveryNodeOnce() {
        Ring small = new Ring(1, 4, List.of("a", "b"), List.of("a", "b", "a", "b"));
        assertThat(PreferenceList.primaries(small, 1, 3).nodes()).containsExactly("b", "a");
        assertThat(PreferenceList.sloppy(small, 1, 3, node -> true).nodes()).containsExactly("b", "a");
    }

    @Test
    void sloppyListWithEveryoneReachableIsThePrimaries() {
        assertThat(PreferenceList.sloppy(ring, 0, 3, node -> true))
                .isEqualTo(PreferenceList.primaries(ring, 0, 3));
    }

    @Test
    void unreachablePrimaryIsReplacedByTheNextReachableNodeBeyondNWithAHint() {
        PreferenceList list = PreferenceList.sloppy(ring, 0, 3, node -> !node.equals("b"));
        assertThat(list.targets()).containsExactly(
                new Target("a", true, null),
                new Target("c", true, null),
                new Target("d", false, "b"));
    }

    @Test
    void unreachablePrimariesAreReplacedInOrder() {
        PreferenceList list = PreferenceList.sloppy(ring, 0, 3, node -> !node.equals("a") && !node.equals("c"));
        assertThat(list.targets()).containsExactly(
                new Target("b", true, null),
                new Target("d", false, "a"),
                new Target("e", false, "c"));
    }

    @Test
    void unreachableFallbacksAreSkipped() {
        PreferenceList list = PreferenceList.sloppy(ring, 0, 3, node -> !node.equals("a") && !node.equals("d"));
        assertThat(list.targets()).containsExactly(
                new Target("b", true, null),
                new Target("c", true, null),
                new Target("e", false, "a"));
    }

    @Test
    void withTooFewReachableNodesTheListIsShorter() {
        PreferenceList list = PreferenceList.sloppy(ring, 0, 3,
                node -> node.equals("b") || node.equals("e"));
        assertThat(list.targets()).containsExactly(
                new Target("b", true, null),
                new Target("e", false, "a"));
        assertThat(PreferenceList.sloppy(ring, 0, 3, node -> false).targets()).isEmpty();
    }

    @Test
    void lookupsByNode() {
        PreferenceList list = PreferenceList.sloppy(ring, 0, 3, node -> !node.equals("b"));
        assertThat(list.contains("d")).isTrue();
        assertThat(list.contains("b")).isFalse();
        assertThat(list.targetFor("d")).contains(new Target("d", false, "b"));
        assertThat(list.targetFor("e")).isEmpty();
    }

    @Property(tries = 200)
    void primariesOfAClaimedRingAreNDistinctNodesAndFallbacksAreNeverPrimaries(
            @ForAll @IntRange(min = 1, max = 12) int nodes,
            @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 0, max = 63) int partition,
            @ForAll @IntRange(min = 0, max = 4095) int downMask) {
        List<String> members = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add("node-" + i);
        }
        Ring claimed = Claim.claim(null, members, 64, n);
        PreferenceList primaries = PreferenceList.primaries(claimed, partition, n);
        assertThat(new HashSet<>(primaries.nodes())).hasSize(Math.min(n, nodes));

        Set<String> down = new HashSet<>();
        for (int i = 0; i < nodes; i++) {
            if ((downMask & (1 << i)) != 0) {
                down.add("node-" + i);
            }
        }
        PreferenceList sloppy = PreferenceList.sloppy(claimed, partition, n, node -> !down.contains(node));
        assertThat(new HashSet<>(sloppy.nodes())).hasSameSizeAs(sloppy.nodes());
        assertThat(sloppy.nodes()).allSatisfy(node -> assertThat(down).doesNotContain(node));
        assertThat(sloppy.nodes().size())
                .isEqualTo(Math.min(Math.min(n, nodes), nodes - down.size()));
        for (Target t : sloppy.targets()) {
            assertThat(t.primary()).isEqualTo(primaries.contains(t.node()));
            if (!t.primary()) {
                assertThat(primaries.contains(t.hintFor())).isTrue();
                assertThat(down).contains(t.hintFor());
            }
        }
        List<String> walk = PreferenceList.walk(claimed, partition);
        List<Integer> positions = sloppy.nodes().stream().map(walk::indexOf).toList();
        assertThat(positions).isSorted();
    }
}
