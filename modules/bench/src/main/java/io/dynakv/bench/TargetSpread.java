package io.dynakv.bench;

/** How requests are spread over the targets. */
public enum TargetSpread {
  /** Each worker cycles through the targets, starting at a different one per worker. */
  ROUND_ROBIN("round-robin"),
  /** Each operation picks a target at random. */
  RANDOM("random");

  private final String spelling;

  TargetSpread(String spelling) {
    this.spelling = spelling;
  }

  /** @throws IllegalArgumentException naming the accepted spellings */
  public static TargetSpread parse(String text) {
    for (TargetSpread value : values()) {
      if (value.spelling.equalsIgnoreCase(text.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException("expected round-robin or random, got '" + text + "'");
  }

  @Override
  public String toString() {
    return spelling;
  }
}
