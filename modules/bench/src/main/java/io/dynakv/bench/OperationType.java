package io.dynakv.bench;

/** The kinds of operation the generator issues; each gets its own row in the report. */
public enum OperationType {
  /** A GET of a key from the key space. */
  READ("read"),
  /**
   * A GET for the key's context followed by a PUT carrying it, so the write supersedes what it
   * read instead of adding a sibling. Only the PUT is timed (see {@link KvOperations#update}).
   */
  UPDATE("update"),
  /** A PUT without context of a key no run has written before. */
  INSERT("insert");

  private final String label;

  OperationType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
