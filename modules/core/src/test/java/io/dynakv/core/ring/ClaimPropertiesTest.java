package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Claim's guarantees, over histories of joins and leaves: 1..12 members, Q in 8..256, n in
 * 1..5. Each history starts from a fresh ring and applies up to eight membership changes.
 */
class ClaimPropertiesTest {

    /** One membership change and the ring claim made for it. */
    record Step(Ring previous, List<String> members, Ring next, String joiner) {
    }

    record History(int partitions, int n, List<Step> steps) {
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Integer> partitions = Arbitraries.of(8, 16, 32, 64, 128, 256);
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> initial = Arbitraries.integers().between(1, 12);
        Arbitrary<List<Integer>> changes = Arbitraries.integers().between(0, 9999).list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(partitions, n, initial, changes).as(ClaimPropertiesTest::replay);
    }

    /** Even numbers join a node (named so that it sorts anywhere), odd ones remove one. */
    static History replay(int partitions, int n, int initial, List<Integer> changes) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < initial; i++) {
            members.add("node-" + (char) ('a' + i * 2));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(null, List.copyOf(members), Claim.claim(null, members, partitions, n), null));
        int step = 0;
        for (int change : changes) {
            step++;
            boolean join = members.size() == 1 || (members.size() < 12 && change % 2 == 0);
            String joiner = null;
            if (join) {
                joiner = "node-" + (char) ('a' + change % 26) + step;
                members.add(joiner);
            } else {
                members.remove(change % members.size());
            }
            Ring previous = steps.get(steps.size() - 1).next();
            steps.add(new Step(previous, List.copyOf(members), Claim.claim(previous, members, partitions, n), joiner));
        }
        return new History(partitions, n, steps);
    }

    @Property(tries = 200)
    void everyMemberOwnsFloorOrCeilingOfQOverS(@ForAll("histories") History history) {
        for (Step step : history.steps()) {
            int q = history.partitions();
            int s = step.members().size();
            assertThat(step.next().members()).containsExactlyElementsOf(new TreeSet<>(step.members()));
            assertThat(step.next().ownershipCounts().values()).allSatisfy(count ->
                    assertThat(count).isBetween(q / s, (q + s - 1) / s));
        }
    }

    @Property(tries = 200)
    void neverMoreViolatingWindowsThanAFreshLayoutWhenThereAreAtLeastNMembers(
            @ForAll("histories") History history) {
        int q = history.partitions();
        int n = history.n();
        for (Step step : history.steps()) {
            int s = step.members().size();
            if (s < n || q < n) {
                continue;
            }
            int fresh = Claim.violations(Claim.claim(null, step.members(), q, n), n);
            assertThat(fresh).isLessThanOrEqualTo(n - 1);
            if (q % s == 0) {
                assertThat(fresh).isZero();
            }
            assertThat(Claim.violations(step.next(), n)).isLessThanOrEqualTo(fresh);
        }
    }

    @Property(tries = 200)
    void aJoinToAViolationFreeRingMovesOnlyTheJoinersShareToTheJoiner(@ForAll("histories") History history) {
        int n = history.n();
        for (Step step : history.steps()) {
            Ring previous = step.previous();
            if (step.joiner() == null || previous.members().size() < n || Claim.violations(previous, n) > 0) {
                continue;
            }
            Ring next = step.next();
            int joinerShare = next.ownershipCounts().get(step.joiner());
            assertThat(Claim.moves(previous, next)).isEqualTo(joinerShare).isEqualTo(minimalMoves(previous, step.members()));
            for (int p = 0; p < next.partitions(); p++) {
                if (!previous.owner(p).equals(next.owner(p))) {
                    assertThat(next.owner(p)).isEqualTo(step.joiner());
                }
            }
        }
    }

    @Property(tries = 200)
    void movesAreMinimalOrNoMoreThanTheAlignedFreshLayout(@ForAll("histories") History history) {
        int q = history.partitions();
        int n = history.n();
        for (Step step : history.steps()) {
            if (step.previous() == null) {
                continue;
            }
            List<String> sorted = List.copyOf(new TreeSet<>(step.members()));
            int s = sorted.size();
            int moves = Claim.moves(step.previous(), step.next());
            int minimal = minimalMoves(step.previous(), sorted);
            assertThat(moves).isGreaterThanOrEqualTo(minimal);
            if (s < n || q < n) {
                assertThat(moves).as("with fewer members than n only balance counts").isEqualTo(minimal);
                continue;
            }
            if (moves > minimal) {
                int[] before = indices(step.previous(), sorted);
                int fresh = new Layout(FreshLayout.closestTo(before, s, q, n), s, n).movesFrom(before);
                assertThat(moves).isLessThanOrEqualTo(fresh);
            }
            int leaversPartitions = 0;
            for (String owner : step.previous().owners()) {
                if (!sorted.contains(owner)) {
                    leaversPartitions++;
                }
            }
            int ceiling = q - (q - leaversPartitions + s - 1) / s;
            assertThat(moves).isLessThanOrEqualTo(Math.max(minimal, ceiling));
        }
    }

    @Property(tries = 200)
    void claimingAgainWithTheSameMembersChangesNothing(@ForAll("histories") History history) {
        for (Step step : history.steps()) {
            List<String> shuffled = new ArrayList<>(step.members());
            Collections.reverse(shuffled);
            assertThat(Claim.claim(step.next(), shuffled, history.partitions(), history.n())).isSameAs(step.next());
        }
    }

    @Property(tries = 200)
    void epochGrowsByOneWhenTheRingChanges(@ForAll("histories") History history) {
        for (Step step : history.steps()) {
            if (step.previous() == null) {
                assertThat(step.next().epoch()).isEqualTo(1);
            } else if (step.next() != step.previous()) {
                assertThat(step.next().epoch()).isEqualTo(step.previous().epoch() + 1);
                assertThat(step.next()).isNotEqualTo(step.previous());
            }
        }
    }

    @Example
    void everyFreshRingAndEveryJoinToItMeetTheGuaranteesForAllSizes() {
        for (int q : new int[] {8, 16, 32, 64, 128, 256}) {
            for (int n = 1; n <= 5; n++) {
                for (int s = 1; s <= 12; s++) {
                    List<String> members = new ArrayList<>();
                    for (int i = 0; i < s; i++) {
                        members.add("node-" + (char) ('b' + i));
                    }
                    Ring fresh = Claim.claim(null, members, q, n);
                    int violations = Claim.violations(fresh, n);
                    if (s >= n && q >= n) {
                        assertThat(violations).isLessThanOrEqualTo(n - 1);
                        if (q % s == 0 || q % s >= n) {
                            assertThat(violations).isZero();
                        }
                    }
                    for (String joiner : List.of("node-a", "node-m", "node-z")) {
                        List<String> more = new ArrayList<>(members);
                        more.add(joiner);
                        Ring joined = Claim.claim(fresh, more, q, n);
                        if (s >= n && violations == 0) {
                            assertThat(Claim.moves(fresh, joined)).isEqualTo(minimalMoves(fresh, more));
                        }
                    }
                }
            }
        }
    }

    /**
     * The fewest moves any balanced ring needs: every leaver's partition, plus each member's
     * surplus when the larger shares go to the largest owners.
     */
    static int minimalMoves(Ring previous, List<String> members) {
        List<String> sorted = List.copyOf(new TreeSet<>(members));
        int q = previous.partitions();
        int s = sorted.size();
        Map<String, Integer> counts = previous.ownershipCounts();
        int moves = 0;
        List<Integer> memberCounts = new ArrayList<>();
        for (String owner : previous.owners()) {
            if (!sorted.contains(owner)) {
                moves++;
            }
        }
        for (String member : sorted) {
            memberCounts.add(counts.getOrDefault(member, 0));
        }
        memberCounts.sort(Collections.reverseOrder());
        for (int i = 0; i < s; i++) {
            int share = q / s + (i < q % s ? 1 : 0);
            moves += Math.max(0, memberCounts.get(i) - share);
        }
        return moves;
    }

    private static int[] indices(Ring ring, List<String> sorted) {
        int[] before = new int[ring.partitions()];
        for (int p = 0; p < before.length; p++) {
            int index = Collections.binarySearch(sorted, ring.owner(p));
            before[p] = index >= 0 ? index : Layout.NONE;
        }
        return before;
    }
}
