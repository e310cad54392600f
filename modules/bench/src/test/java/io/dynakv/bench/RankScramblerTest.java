package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class RankScramblerTest {

  @Test
  void everyRankMapsToADifferentKey() {
    for (int keys : new int[] {1, 2, 7, 10, 64, 1000, 10_000, 65_536}) {
      RankScrambler scrambler = RankScrambler.create(keys, keys * 31L);
      BitSet seen = new BitSet(keys);
      for (int rank = 1; rank <= keys; rank++) {
        int index = scrambler.keyIndex(rank);
        assertThat(index).isBetween(0, keys - 1);
        assertThat(seen.get(index)).as("rank %d of %d keys", rank, keys).isFalse();
        seen.set(index);
      }
    }
  }

  @Test
  void neighbouringRanksLandFarApart() {
    int keys = 10_000;
    RankScrambler scrambler = RankScrambler.create(keys, 5);

    for (int rank = 1; rank < 20; rank++) {
      int distance = Math.abs(scrambler.keyIndex(rank + 1) - scrambler.keyIndex(rank));
      assertThat(Math.min(distance, keys - distance)).isGreaterThan(keys / 10);
    }
  }

  @Test
  void theSameSeedGivesTheSameMapAndAnotherSeedAnother() {
    RankScrambler one = RankScrambler.create(1000, 1);

    assertThat(RankScrambler.create(1000, 1).keyIndex(1)).isEqualTo(one.keyIndex(1));
    assertThat(RankScrambler.create(1000, 2).keyIndex(1)).isNotEqualTo(one.keyIndex(1));
  }

  @Test
  void worksAtTheLargestKeySpace() {
    RankScrambler scrambler = RankScrambler.create(Integer.MAX_VALUE, 3);

    assertThat(scrambler.keyIndex(Integer.MAX_VALUE)).isBetween(0, Integer.MAX_VALUE - 1);
  }
}
