package io.dynakv.core.ring;

import io.dynakv.core.Key;
import java.math.BigInteger;

/**
 * The ring cut into Q equal partitions (the paper's strategy 3). Partition p holds the hashes
 * in {@code [p * 2^128 / Q, (p + 1) * 2^128 / Q)}; with Q a power of two that is simply the
 * top log2(Q) bits of the hash.
 */
public record Partitioning(int partitions) {

    public static final int MAX_PARTITIONS = 1 << 20;

    public Partitioning {
        if (partitions < 1 || partitions > MAX_PARTITIONS || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("partitions must be a power of two in 1.."
                    + MAX_PARTITIONS + ", got " + partitions);
        }
    }

    public int partitionOf(BigInteger hash) {
        if (hash.signum() < 0 || hash.bitLength() > RingHash.BITS) {
            throw new IllegalArgumentException("not a ring position: " + hash);
        }
        int bits = Integer.numberOfTrailingZeros(partitions);
        return hash.shiftRight(RingHash.BITS - bits).intValueExact();
    }

    public int partitionOf(Key key) {
        return partitionOf(RingHash.of(key));
    }
}
