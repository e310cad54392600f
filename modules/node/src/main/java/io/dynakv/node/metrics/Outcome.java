package io.dynakv.node.metrics;

/** How a key operation ended, as the {@code outcome} label of the request metrics names it. */
public enum Outcome {
  OK("ok"),
  NOT_FOUND("not_found"),
  SIBLINGS("siblings"),
  QUORUM_NOT_MET("quorum_not_met"),
  TIMEOUT("timeout"),
  BAD_REQUEST("bad_request"),
  OVERLOADED("overloaded"),
  ERROR("error");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
