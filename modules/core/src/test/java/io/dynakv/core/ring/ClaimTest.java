package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimTest {

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final List<String> ABCD = List.of("a", "b", "c", "d");

    @Test
    void firstRingIsRoundRobinOverSortedMembersAtEpochOne() {
        Ring ring = Claim.claim(null, List.of("c", "a", "b", "a"), 16, 3);
        assertThat(ring.epoch()).isEqualTo(1);
        assertThat(ring.members()).containsExactly("a", "b", "c");
        for (int p = 0; p < 16; p++) {
            assertThat(ring.owner(p)).isEqualTo(ABC.get(p % 3));
        }
    }

    @Test
    void threeNodesOn256PartitionsOwn86Or85AndOnlyTheTwoWindowsAcrossTheWrapRepeat() {
        Ring ring = Claim.claim(null, ABC, 256, 3);
        assertThat(ring.ownershipCounts()).containsValues(86, 85, 85);
        // Partitions 254 and 255 start windows (c,a,a) and (a,a,b). No layout of 256 partitions
        // over 3 nodes does better: zero violations would force period 3.
        assertThat(Claim.violations(ring, 3)).isEqualTo(2);
        assertThat(Claim.violations(ring, 2)).isEqualTo(1);
    }

    @Test
    void fourNodesOn256PartitionsOwn64EachWithNoViolations() {
        Ring ring = Claim.claim(null, ABCD, 256, 3);
        assertThat(ring.ownershipCounts()).containsOnly(
                java.util.Map.entry("a", 64), java.util.Map.entry("b", 64),
                java.util.Map.entry("c", 64), java.util.Map.entry("d", 64));
        assertThat(Claim.violations(ring, 3)).isZero();
        assertThat(Claim.violations(ring, 4)).isZero();
    }

    @Test
    void fiveNodesOn256PartitionsSpreadTheRoundRobinTailSoNoWindowRepeats() {
        // Plain round-robin would end ...c d e a | a b...: two violating windows for n=3.
        Ring ring = Claim.claim(null, List.of("a", "b", "c", "d", "e"), 256, 3);
        assertThat(ring.ownershipCounts().values()).allMatch(c -> c == 51 || c == 52);
        assertThat(Claim.violations(ring, 3)).isZero();
    }

    @Test
    void joiningAFourthNodeMovesExactlyItsSixtyFourPartitionsAndFixesTheWrap() {
        Ring three = Claim.claim(null, ABC, 256, 3);
        Ring four = Claim.claim(three, ABCD, 256, 3);
        assertThat(four.epoch()).isEqualTo(2);
        assertThat(four.ownershipCounts().values()).containsOnly(64);
        assertThat(Claim.moves(three, four)).isEqualTo(64);
        assertThat(movedTo(three, four)).containsOnly("d");
        assertThat(Claim.violations(four, 3)).isZero();
    }

    @Test
    void theJoinerLeavingAgainMovesOnlyItsOwnSixtyFourPartitions() {
        Ring three = Claim.claim(null, ABC, 256, 3);
        Ring four = Claim.claim(three, ABCD, 256, 3);
        Ring back = Claim.claim(four, ABC, 256, 3);
        assertThat(Claim.moves(four, back)).isEqualTo(64);
        for (int p = 0; p < 256; p++) {
            if (!four.owner(p).equals("d")) {
                assertThat(back.owner(p)).isEqualTo(four.owner(p));
            }
        }
        assertThat(back.ownershipCounts().values()).containsExactlyInAnyOrder(86, 85, 85);
        assertThat(Claim.violations(back, 3)).isEqualTo(2);
    }

    @Test
    void leavingAStripedFourNodeRingReStripesForThreeNodes() {
        // In a b c d a b c d ..., each of d's partitions sits between b c _ a b: whichever of
        // a, b, c takes it repeats within three partitions, so keeping everyone else in place
        // would leave 128 violating windows. Claim re-stripes for three nodes instead, choosing
        // the rotation and member order that keep the most partitions in place.
        Ring four = Claim.claim(null, ABCD, 256, 3);
        Ring three = Claim.claim(four, ABC, 256, 3);
        assertThat(three.ownershipCounts().values()).containsExactlyInAnyOrder(86, 85, 85);
        assertThat(Claim.violations(three, 3)).isEqualTo(2);
        assertThat(Claim.moves(four, three)).isEqualTo(190);
        // The documented ceiling: Q - ceil((Q - leaver's partitions) / S) = 256 - 64.
        assertThat(Claim.moves(four, three)).isLessThanOrEqualTo(192);
    }

    @Test
    void claimingAgainWithTheSameMembersReturnsThePreviousRingItself() {
        Ring first = Claim.claim(null, ABC, 256, 3);
        assertThat(Claim.claim(first, List.of("c", "b", "a"), 256, 3)).isSameAs(first);
        Ring four = Claim.claim(first, ABCD, 256, 3);
        assertThat(Claim.claim(four, ABCD, 256, 3)).isSameAs(four);
    }

    @Test
    void anUnbalancedRingIsRebalancedWithTheSameMembers() {
        List<String> owners = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            owners.add(p < 6 ? "a" : "b");
        }
        Ring lopsided = new Ring(7, 8, List.of("a", "b"), owners);
        Ring balanced = Claim.claim(lopsided, List.of("a", "b"), 8, 2);
        assertThat(balanced.epoch()).isEqualTo(8);
        assertThat(balanced.ownershipCounts().values()).containsOnly(4);
        assertThat(Claim.violations(balanced, 2)).isZero();
    }

    @Test
    void moreNodesThanPartitionsLeavesSomeOwningNothing() {
        List<String> twelve = new ArrayList<>();
        for (int i = 10; i < 22; i++) {
            twelve.add("node-" + i);
        }
        Ring ring = Claim.claim(null, twelve, 8, 3);
        assertThat(ring.members()).hasSize(12);
        assertThat(ring.ownershipCounts().values()).containsOnly(0, 1);
        assertThat(Set.copyOf(ring.owners())).hasSize(8);
        assertThat(Claim.violations(ring, 3)).isZero();
    }

    @Test
    void fewerNodesThanNOnlyBalances() {
        Ring two = Claim.claim(null, List.of("a", "b"), 16, 3);
        assertThat(two.ownershipCounts().values()).containsOnly(8);
        assertThat(Claim.violations(two, 3)).isEqualTo(16);
        assertThat(Claim.violations(two, 2)).isZero();
    }

    @Test
    void violationsCountsWindowsThatWrapAround() {
        Ring ring = new Ring(1, 4, List.of("a", "b", "c"), List.of("a", "b", "c", "a"));
        // windows: abc, bca, caa, aab
        assertThat(Claim.violations(ring, 3)).isEqualTo(2);
        assertThat(Claim.violations(ring, 1)).isZero();
        assertThat(Claim.violations(ring, 5)).isEqualTo(4);
        assertThatThrownBy(() -> Claim.violations(ring, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badArgumentsAreRejected() {
        Ring ring = Claim.claim(null, ABC, 16, 3);
        assertThatThrownBy(() -> Claim.claim(null, List.of(), 16, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Claim.claim(null, ABC, 12, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Claim.claim(null, ABC, 16, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Claim.claim(ring, ABC, 32, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Claim.moves(ring, Claim.claim(null, ABC, 32, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> movedTo(Ring from, Ring to) {
        Set<String> receivers = new java.util.TreeSet<>();
        for (int p = 0; p < from.partitions(); p++) {
            if (!from.owner(p).equals(to.owner(p))) {
                receivers.add(to.owner(p));
            }
        }
        return receivers;
    }
}
