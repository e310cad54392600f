package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random histories of eight replicas that prune hard (small 2, big 3, young 0) after every
 * write and every merge, each keeping its own writer: pruning may make an old value resurface,
 * but never loses a write no context covered, never reuses a dot, and keeps clocks bounded.
 */
class ClockPruningPropertiesTest {

    private static final int REPLICAS = 8;
    private static final ClockPruning HARD = new ClockPruning(2, 3, 0);

    record History(DvvSet[] replicas, Map<Dot, Value> written, List<VersionVector> contexts) {}

    @Provide
    Arbitrary<List<Integer>> events() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(60);
    }

    static History replay(List<Integer> events) {
        DvvSet[] replicas = new DvvSet[REPLICAS];
        Arrays.fill(replicas, DvvSet.empty());
        List<DvvSet> states = new ArrayList<>(List.of(DvvSet.empty()));
        Map<Dot, Value> written = new HashMap<>();
        List<VersionVector> contexts = new ArrayList<>();
        long now = 0;
        for (int event : events) {
            now += 10;
            int kind = event % 10;
            int i = (event / 10) % REPLICAS;
            int j = (event / 80) % REPLICAS;
            int pick = event / 640;
            String writer = "r" + i;
            if (kind < 6) {
                VersionVector context = states.get(pick % states.size()).context();
                Value value = Value.of(("v" + written.size()).getBytes(StandardCharsets.UTF_8), "text/plain", now);
                DvvSet updated = replicas[i].update(context, value, writer);
                Dot dot = updated.siblings().stream()
                        .filter(s -> s.value().equals(value)).findFirst().orElseThrow().dot();
                assertThat(written).as("dot %s issued twice", dot).doesNotContainKey(dot);
                written.put(dot, value);
                contexts.add(context);
                replicas[i] = HARD.prune(updated, writer, now);
                states.add(replicas[i]);
            } else {
                replicas[i] = HARD.prune(replicas[i].merge(replicas[j]), "r" + i, now);
                replicas[j] = HARD.prune(replicas[j].merge(replicas[i]), "r" + j, now);
                states.add(replicas[i]);
                states.add(replicas[j]);
            }
            for (DvvSet replica : replicas) {
                Set<String> backing = new HashSet<>();
                replica.siblings().forEach(s -> backing.add(s.dot().node()));
                assertThat(replica.clock().size()).isLessThanOrEqualTo(Math.max(HARD.big(), backing.size() + 1));
            }
        }
        return new History(replicas, written, contexts);
    }

    @Property(tries = 500)
    void noWriteThatNoContextCoveredIsLostAndNoDotIsReused(@ForAll("events") List<Integer> events) {
        History h = replay(events);
        DvvSet all = DvvSet.empty();
        for (DvvSet replica : h.replicas()) {
            all = all.merge(replica);
        }
        Set<Dot> remaining = new HashSet<>();
        for (Sibling sibling : all.siblings()) {
            remaining.add(sibling.dot());
            assertThat(sibling.value()).isEqualTo(h.written().get(sibling.dot()));
        }
        for (Dot dot : h.written().keySet()) {
            boolean superseded = h.contexts().stream().anyMatch(context -> context.covers(dot));
            if (!superseded) {
                assertThat(remaining).as("unsuperseded write %s", dot).contains(dot);
            }
        }
    }
}
