package io.dynakv.bench;

/**
 * What the generator asks of the store: which keys, how big the values, which mix of
 * operations.
 *
 * @param keys size of the key space read and updated (inserts go beyond it)
 * @param zipfExponent used only when {@code distribution} is zipfian
 */
public record Workload(
    String bucket,
    int keys,
    int valueSize,
    OperationMix mix,
    KeyDistribution distribution,
    double zipfExponent) {

  public String describeKeys() {
    return distribution == KeyDistribution.ZIPFIAN
        ? String.format("%d keys, zipfian (exponent %s)", keys, zipfExponent)
        : String.format("%d keys, uniform", keys);
  }
}
