package io.dynakv.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * The configured read/update/insert ratios and the choice of the next operation from one
 * uniform draw. The caller supplies the draw so the choice is reproducible from a seed.
 */
public final class OperationMix {

  /** Ratios from the command line are decimals typed by people; allow their rounding. */
  private static final double SUM_TOLERANCE = 1e-6;

  private final double read;
  private final double update;
  private final double insert;

  private OperationMix(double read, double update, double insert) {
    this.read = read;
    this.update = update;
    this.insert = insert;
  }

  /**
   * @throws IllegalArgumentException if a ratio is negative or not finite, or they do not add
   *     up to 1 — silently rescaling "--read 0.9" against a default update of 0.5 would run a
   *     mix nobody asked for.
   */
  public static OperationMix of(double read, double update, double insert) {
    for (double ratio : new double[] {read, update, insert}) {
      if (!(ratio >= 0) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException("ratios must be finite and >= 0, got " + ratio);
      }
    }
    double sum = read + update + insert;
    if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          String.format(
              "--read, --update and --insert must add up to 1, got %s + %s + %s = %s",
              read, update, insert, sum));
    }
    return new OperationMix(read / sum, update / sum, insert / sum);
  }

  /**
   * @param uniform a draw from [0, 1)
   */
  public OperationType choose(double uniform) {
    if (uniform < read) {
      return OperationType.READ;
    }
    if (uniform < read + update || insert == 0) {
      return OperationType.UPDATE;
    }
    return OperationType.INSERT;
  }

  public double ratio(OperationType type) {
    switch (type) {
      case READ:
        return read;
      case UPDATE:
        return update;
      default:
        return insert;
    }
  }

  public Map<OperationType, Double> ratios() {
    Map<OperationType, Double> ratios = new EnumMap<>(OperationType.class);
    for (OperationType type : OperationType.values()) {
      ratios.put(type, ratio(type));
    }
    return ratios;
  }

  @Override
  public String toString() {
    return String.format("read %.2f  update %.2f  insert %.2f", read, update, insert);
  }
}
