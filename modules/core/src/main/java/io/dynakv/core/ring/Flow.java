package io.dynakv.core.ring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maximum flow (Edmonds-Karp) on a small graph. Claim uses it to hand a leaving member's
 * partitions to members that can take them without a conflict, as many as the shares allow;
 * a greedy pass can strand the last partitions with members that all sit next to them.
 */
final class Flow {

    private final List<int[]> edges = new ArrayList<>(); // {from, to, capacity, flow}
    private final List<List<Integer>> outgoing = new ArrayList<>();

    Flow(int vertices) {
        for (int v = 0; v < vertices; v++) {
            outgoing.add(new ArrayList<>());
        }
    }

    /** Adds an edge and returns its id, for reading its flow afterwards. */
    int edge(int from, int to, int capacity) {
        int id = edges.size();
        edges.add(new int[] {from, to, capacity, 0});
        edges.add(new int[] {to, from, 0, 0});
        outgoing.get(from).add(id);
        outgoing.get(to).add(id + 1);
        return id;
    }

    int flow(int edgeId) {
        return edges.get(edgeId)[3];
    }

    int maximise(int source, int sink) {
        int total = 0;
        int[] via = new int[outgoing.size()];
        while (true) {
            Arrays.fill(via, -1);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(source);
            while (!queue.isEmpty() && via[sink] < 0) {
                int v = queue.poll();
                for (int id : outgoing.get(v)) {
                    int[] e = edges.get(id);
                    if (e[2] - e[3] > 0 && via[e[1]] < 0 && e[1] != source) {
                        via[e[1]] = id;
                        queue.add(e[1]);
                    }
                }
            }
            if (via[sink] < 0) {
                return total;
            }
            int push = Integer.MAX_VALUE;
            for (int v = sink; v != source; v = edges.get(via[v])[0]) {
                int[] e = edges.get(via[v]);
                push = Math.min(push, e[2] - e[3]);
            }
            for (int v = sink; v != source; v = edges.get(via[v])[0]) {
                int id = via[v];
                edges.get(id)[3] += push;
                edges.get(id ^ 1)[3] -= push;
            }
            total += push;
        }
    }
}
