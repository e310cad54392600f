package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TransfersTest {

    private static final int Q = 64;

    private static Ring threeNodes() {
        return Claim.claim(null, List.of("n1", "n2", "n3"), Q, 3);
    }

    @Test
    void aSettledRingMovesNothing() {
        Ring ring = threeNodes();
        assertThat(ring.inTransition()).isFalse();
        assertThat(Transfers.of(ring, 3)).isEmpty();
        assertThat(Transfers.incoming(ring, 5, 3)).isEmpty();
    }

    @Test
    void aJoinKeepsTheCurrentOwnersServingUntilSettled() {
        Ring ring = threeNodes();
        Ring moving = ring.towards(Claim.claim(ring, List.of("n1", "n2", "n3", "n4"), Q, 3));
        assertThat(moving.inTransition()).isTrue();
        assertThat(moving.epoch()).isEqualTo(ring.epoch() + 1);
        assertThat(moving.current().owners()).isEqualTo(ring.owners());
        assertThat(moving.isMember("n4")).isTrue();
        assertThat(moving.current().isMember("n4")).isFalse();
        assertThat(moving.movingPartitions()).hasSize(Q / 4);

        Ring settled = moving.settled();
        assertThat(settled.inTransition()).isFalse();
        assertThat(settled.epoch()).isEqualTo(moving.epoch() + 1);
        assertThat(settled.owners()).isEqualTo(moving.nextOwners());
        assertThat(settled.ownershipCounts().values()).containsOnly(Q / 4);
    }

    @Test
    void aJoinMovesDataToTheNewNodeFromTheNodeItReplaces() {
        Ring ring = threeNodes();
        Ring moving = ring.towards(Claim.claim(ring, List.of("n1", "n2", "n3", "n4"), Q, 3));
        List<Transfers.Move> moves = Transfers.of(moving, 3);
        assertThat(moves).isNotEmpty();
        for (Transfers.Move m : moves) {
            List<String> before = PreferenceList.primaries(moving.current(), m.partition(), 3).nodes();
            List<String> after = PreferenceList.primaries(moving.target(), m.partition(), 3).nodes();
            assertThat(m.incoming()).containsExactly("n4");
            assertThat(before).contains(m.source());
            assertThat(after).doesNotContain(m.source());
            assertThat(Transfers.incoming(moving, m.partition(), 3)).containsExactly("n4");
        }
    }

    @Test
    void aLeavingNodeIsTheSourceOfEveryPartitionItHeld() {
        Ring ring = Claim.claim(null, List.of("n1", "n2", "n3", "n4"), Q, 3);
        Ring moving = ring.towards(Claim.claim(ring, List.of("n1", "n3", "n4"), Q, 3));
        assertThat(moving.isMember("n2")).isTrue();
        assertThat(moving.target().isMember("n2")).isFalse();
        Set<Integer> held = new HashSet<>();
        for (int p = 0; p < Q; p++) {
            if (PreferenceList.primaries(ring, p, 3).contains("n2")) {
                held.add(p);
            }
        }
        Set<Integer> moved = new HashSet<>();
        for (Transfers.Move m : Transfers.of(moving, 3)) {
            moved.add(m.partition());
            if (held.contains(m.partition())) {
                assertThat(m.source()).isEqualTo("n2");
            }
        }
        assertThat(moved).containsAll(held);
        assertThat(moving.settled().isMember("n2")).isFalse();
    }

    @Test
    void growingPastNCopiesFromTheFirstPrimary() {
        Ring ring = Claim.claim(null, List.of("n1", "n2"), Q, 3);
        Ring moving = ring.towards(Claim.claim(ring, List.of("n1", "n2", "n3"), Q, 3));
        for (Transfers.Move m : Transfers.of(moving, 3)) {
            assertThat(m.incoming()).containsExactly("n3");
            assertThat(m.source()).isEqualTo(moving.current().owner(m.partition()));
        }
        assertThat(Transfers.of(moving, 3)).hasSize(Q);
    }

    @Test
    void aChangeThatMovesNoOwnerSettlesAtOnce() {
        Ring ring = threeNodes();
        Ring next = new Ring(ring.epoch() + 1, Q, List.of("n1", "n2", "n3", "n9"), ring.owners());
        Ring result = ring.towards(next);
        assertThat(result.inTransition()).isFalse();
        assertThat(result).isEqualTo(next);
    }

    /**
     * Holding the data through the whole transition: every node that serves a partition after
     * the switch either served it before or is the target of a move from a node that did.
     */
    @Property(tries = 60)
    void everyNewReplicaReceivesTheDataFromACurrentOne(
            @ForAll @IntRange(min = 1, max = 6) int before,
            @ForAll @IntRange(min = 1, max = 6) int after,
            @ForAll @IntRange(min = 1, max = 4) int n) {
        List<String> initial = names(1, before);
        List<String> later = names(1 + (before + 1) / 2, after);
        Ring ring = Claim.claim(null, initial, Q, n);
        Ring moving = ring.towards(Claim.claim(ring, later, Q, n));
        List<Transfers.Move> moves = Transfers.of(moving, n);
        for (int p = 0; p < Q; p++) {
            List<String> now = PreferenceList.primaries(moving.current(), p, n).nodes();
            for (String node : PreferenceList.primaries(moving.target(), p, n).nodes()) {
                if (now.contains(node)) {
                    continue;
                }
                int partition = p;
                assertThat(moves)
                        .anySatisfy(m -> {
                            assertThat(m.partition()).isEqualTo(partition);
                            assertThat(m.incoming()).contains(node);
                            assertThat(now).contains(m.source());
                        });
                assertThat(Transfers.holds(moving, p, n, node)).isTrue();
            }
        }
    }

    private static List<String> names(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(i -> "n" + i).toList();
    }

    private static Ring fourNodesWithN4Down() {
        Ring four = Claim.claim(null, List.of("n1", "n2", "n3", "n4"), Q, 3);
        Ring moving = four.towards(Claim.claim(four, List.of("n1", "n2", "n3"), Q, 3));
        return moving.withDown("n4");
    }

    @Test
    void aDownNodeIsNoSourceAndEverySurvivorCopiesItsPartitions() {
        Ring ring = fourNodesWithN4Down();
        assertThat(ring.down()).containsExactly("n4");
        assertThat(ring.isDown("n4")).isTrue();
        List<Transfers.Move> moves = Transfers.of(ring, 3);
        assertThat(moves).isNotEmpty();
        Set<Integer> partitionsWithN4 = new HashSet<>();
        for (int p = 0; p < Q; p++) {
            List<String> before = PreferenceList.primaries(ring.current(), p, 3).nodes();
            List<String> after = PreferenceList.primaries(ring.target(), p, 3).nodes();
            if (before.contains("n4")) {
                partitionsWithN4.add(p);
                List<String> survivors = new java.util.ArrayList<>(before);
                survivors.remove("n4");
                int partition = p;
                List<String> sources =
                        moves.stream().filter(m -> m.partition() == partition).map(Transfers.Move::source).toList();
                assertThat(sources).containsExactlyInAnyOrderElementsOf(survivors);
                List<String> incoming = new java.util.ArrayList<>(after);
                incoming.removeAll(before);
                moves.stream()
                        .filter(m -> m.partition() == partition)
                        .forEach(m -> assertThat(m.incoming()).containsExactlyElementsOf(incoming));
            }
        }
        assertThat(partitionsWithN4).isNotEmpty();
        assertThat(moves).allSatisfy(m -> assertThat(m.source()).isNotEqualTo("n4"));
        assertThat(moves).allSatisfy(m -> assertThat(m.incoming()).doesNotContain("n4"));
    }

    @Test
    void settlingAfterADownForgetsTheDownNode() {
        Ring settled = fourNodesWithN4Down().settled();
        assertThat(settled.inTransition()).isFalse();
        assertThat(settled.down()).isEmpty();
        assertThat(settled.isMember("n4")).isFalse();
        assertThat(settled.members()).containsExactly("n1", "n2", "n3");
    }

    @Test
    void aRetargetKeepsTheDownNodeDown() {
        Ring ring = fourNodesWithN4Down();
        Ring again = ring.towards(Claim.claim(ring.target(), List.of("n1", "n2", "n3", "n5"), Q, 3));
        assertThat(again.down()).containsExactly("n4");
        assertThat(again.members()).contains("n4");
    }

    @Test
    void onlyACurrentMemberLeavingTheRingCanBeDown() {
        Ring four = Claim.claim(null, List.of("n1", "n2", "n3", "n4"), Q, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> four.withDown("n4"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> four.withDown("n9"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
