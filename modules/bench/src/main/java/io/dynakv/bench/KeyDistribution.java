package io.dynakv.bench;

/** How keys are drawn from the key space. */
public enum KeyDistribution {
  UNIFORM("uniform"),
  /** A few keys take most of the traffic, as in real workloads; see {@link RankScrambler}. */
  ZIPFIAN("zipfian");

  private final String spelling;

  KeyDistribution(String spelling) {
    this.spelling = spelling;
  }

  /** @throws IllegalArgumentException naming the accepted spellings */
  public static KeyDistribution parse(String text) {
    for (KeyDistribution value : values()) {
      if (value.spelling.equalsIgnoreCase(text.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException("expected uniform or zipfian, got '" + text + "'");
  }

  @Override
  public String toString() {
    return spelling;
  }
}
