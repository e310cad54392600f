package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.core.Key;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RingHashTest {

    private static final BigInteger RING = BigInteger.ONE.shiftLeft(128);

    @Test
    void hashIsMd5OfBucketZeroByteKey() {
        // printf 'b\0k' | md5sum
        assertThat(RingHash.of(new Key("b", "k")))
                .isEqualTo(new BigInteger("6e32641b32b6b5240a642b1b41c7c200", 16));
        // printf 'bucket\0key' | md5sum
        assertThat(RingHash.of(new Key("bucket", "key")))
                .isEqualTo(new BigInteger("29555a6f0f835c81635ec84711895110", 16));
    }

    @Test
    void theSeparatorKeepsBucketAndKeyBoundariesApart() {
        assertThat(RingHash.of(new Key("ab", "c"))).isNotEqualTo(RingHash.of(new Key("a", "bc")));
    }

    @Test
    void knownKeyLandsInTheTopBitsPartition() {
        // 0x6e = 110: the top 8 bits of the hash of ("b", "k")
        assertThat(new Partitioning(256).partitionOf(new Key("b", "k"))).isEqualTo(110);
        assertThat(new Partitioning(2).partitionOf(new Key("b", "k"))).isZero();
        assertThat(new Partitioning(1).partitionOf(new Key("b", "k"))).isZero();
    }

    @Test
    void partitionBoundariesAreMultiplesOfTheRingOverQ() {
        Partitioning partitioning = new Partitioning(16);
        BigInteger width = RING.divide(BigInteger.valueOf(16));
        for (int p = 0; p < 16; p++) {
            BigInteger start = width.multiply(BigInteger.valueOf(p));
            assertThat(partitioning.partitionOf(start)).isEqualTo(p);
            assertThat(partitioning.partitionOf(start.add(width).subtract(BigInteger.ONE))).isEqualTo(p);
        }
        assertThat(partitioning.partitionOf(BigInteger.ZERO)).isZero();
        assertThat(partitioning.partitionOf(RING.subtract(BigInteger.ONE))).isEqualTo(15);
    }

    @Test
    void positionsOutsideTheRingAreRejected() {
        Partitioning partitioning = new Partitioning(16);
        assertThatThrownBy(() -> partitioning.partitionOf(RING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> partitioning.partitionOf(BigInteger.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partitionCountMustBeAPowerOfTwoUpToTwoToTheTwenty() {
        for (int bad : new int[] {0, -4, 3, 12, 255, 1 << 21}) {
            assertThatThrownBy(() -> new Partitioning(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new Partitioning(1 << 20).partitions()).isEqualTo(1 << 20);
    }

    @Property
    void everyKeyFallsInThePartitionHoldingItsHash(@ForAll String bucket, @ForAll String key) {
        Partitioning partitioning = new Partitioning(64);
        Key k = new Key(bucket, key);
        BigInteger hash = RingHash.of(k);
        int p = partitioning.partitionOf(k);
        assertThat(hash.signum()).isGreaterThanOrEqualTo(0);
        assertThat(hash).isLessThan(RING);
        assertThat(p).isBetween(0, 63);
        assertThat(BigInteger.valueOf(p).multiply(RING).divide(BigInteger.valueOf(64)))
                .isLessThanOrEqualTo(hash);
        assertThat(BigInteger.valueOf(p + 1L).multiply(RING).divide(BigInteger.valueOf(64)))
                .isGreaterThan(hash);
    }
}
