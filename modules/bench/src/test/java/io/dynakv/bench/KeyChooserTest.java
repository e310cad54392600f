package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyChooserTest {

  private static final int KEYS = 1000;
  private static final int DRAWS = 100_000;

  @Test
  void uniformKeysCoverTheKeySpaceEvenly() {
    int[] counts = histogram(KeyChooser.uniform(KEYS, 3));

    assertThat(Arrays.stream(counts).min().getAsInt()).isGreaterThan(DRAWS / KEYS / 2);
    assertThat(Arrays.stream(counts).max().getAsInt()).isLessThan(DRAWS / KEYS * 2);
  }

  @Test
  void zipfianRankOneIsTheMostFrequentKey() {
    int[] counts = histogram(KeyChooser.zipfian(KEYS, 0.99, RankScrambler.identity(KEYS), 11));

    int hottest = indexOfMax(counts);
    assertThat(hottest).isZero();
    assertThat(counts[0]).isGreaterThan(counts[1]);
    assertThat(counts[1]).isGreaterThan(counts[9]);
    assertThat(counts[9]).isGreaterThan(counts[99]);
  }

  @Test
  void zipfianFrequenciesFollowTheExponent() {
    int[] counts = histogram(KeyChooser.zipfian(KEYS, 0.99, RankScrambler.identity(KEYS), 5));

    // P(rank k) is proportional to k^-s: rank 1 against rank 2 is 2^0.99.
    assertThat(counts[0] / (double) counts[1]).isCloseTo(Math.pow(2, 0.99), within(0.15));
  }

  @Test
  void scrambledZipfianKeepsItsHotKeyButMovesIt() {
    RankScrambler scrambler = RankScrambler.create(KEYS, 99);
    int[] counts = histogram(KeyChooser.zipfian(KEYS, 0.99, scrambler, 11));

    assertThat(indexOfMax(counts)).isEqualTo(scrambler.keyIndex(1));
    assertThat(scrambler.keyIndex(1)).isNotZero();
  }

  @Test
  void theSameSeedDrawsTheSameKeys() {
    RankScrambler scrambler = RankScrambler.create(KEYS, 1);
    KeyChooser first = KeyChooser.zipfian(KEYS, 0.99, scrambler, 42);
    KeyChooser second = KeyChooser.zipfian(KEYS, 0.99, scrambler, 42);

    for (int i = 0; i < 1000; i++) {
      assertThat(first.nextKeyIndex()).isEqualTo(second.nextKeyIndex());
    }
  }

  private static int[] histogram(KeyChooser chooser) {
    int[] counts = new int[KEYS];
    for (int i = 0; i < DRAWS; i++) {
      counts[chooser.nextKeyIndex()]++;
    }
    return counts;
  }

  private static int indexOfMax(int[] counts) {
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return best;
  }
}
