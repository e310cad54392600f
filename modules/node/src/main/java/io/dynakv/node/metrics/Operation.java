package io.dynakv.node.metrics;

/** A key operation, as the {@code operation} label of the request metrics names it. */
public enum Operation {
  GET("get"),
  PUT("put"),
  DELETE("delete");

  private final String label;

  Operation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
