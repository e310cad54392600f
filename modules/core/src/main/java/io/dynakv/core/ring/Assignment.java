package io.dynakv.core.ring;

import java.util.Arrays;

/**
 * Maximum-weight perfect matching of rows to columns of a square matrix (the Hungarian
 * method, O(n^3)). A fresh layout uses it to decide which member takes which slot of the
 * pattern so that as many partitions as possible keep their owner.
 */
final class Assignment {

    private Assignment() {
    }

    /** Returns {@code column[row]}: the column matched to each row, maximising the total weight. */
    static int[] maximise(long[][] weight) {
        int n = weight.length;
        // Potentials-based shortest augmenting path on costs = -weight, 1-indexed as in the
        // classic formulation; index 0 is the virtual source row/column.
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] way = new int[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            long[] minSlack = new long[n + 1];
            Arrays.fill(minSlack, Long.MAX_VALUE);
            boolean[] used = new boolean[n + 1];
            do {
                used[column] = true;
                int current = rowOfColumn[column];
                long delta = Long.MAX_VALUE;
                int next = 0;
                for (int c = 1; c <= n; c++) {
                    if (used[c]) {
                        continue;
                    }
                    long slack = -weight[current - 1][c - 1] - u[current] - v[c];
                    if (slack < minSlack[c]) {
                        minSlack[c] = slack;
                        way[c] = column;
                    }
                    if (minSlack[c] < delta) {
                        delta = minSlack[c];
                        next = c;
                    }
                }
                for (int c = 0; c <= n; c++) {
                    if (used[c]) {
                        u[rowOfColumn[c]] += delta;
                        v[c] -= delta;
                    } else {
                        minSlack[c] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            do {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] columnOfRow = new int[n];
        for (int c = 1; c <= n; c++) {
            columnOfRow[rowOfColumn[c] - 1] = c - 1;
        }
        return columnOfRow;
    }
}
