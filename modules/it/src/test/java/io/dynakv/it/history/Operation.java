package io.dynakv.it.history;

import java.util.List;
import java.util.Objects;

/**
 * One client operation as a history records it: who did it, what it did to which key, when (in
 * {@link System#nanoTime()} units of the recording JVM) it was invoked and completed, and what the
 * client learnt about its fate.
 *
 * <p>{@code value} is what the operation contributes: the element an {@link Type#ADD} adds, the
 * unique value (or write id) a {@link Type#WRITE} writes; null for a {@link Type#READ}. {@code
 * values} is what it carries besides: for a read, what it returned (one entry per sibling, empty
 * for not found); for a write whose payload is a set, the whole payload.
 */
public record Operation(
    int process,
    Type type,
    String key,
    String value,
    List<String> values,
    long invokeNanos,
    long completeNanos,
    Outcome outcome,
    String detail) {

  public enum Type {
    /** Adds one element to a set kept under the key (read-merge-write). */
    ADD,
    /** Writes a value (for a register, one unique value; for sibling explosion, a write id). */
    WRITE,
    /** Reads the key; {@code values} holds what came back. */
    READ
  }

  public enum Outcome {
    /** Acknowledged: the store said it happened (2xx, or a read that returned). */
    OK,
    /** Definitely did not happen: rejected before anything was written (4xx, or no attempt). */
    FAIL,
    /**
     * May or may not have happened: a timeout, a 5xx, a connection error. The store may apply such
     * a write at any time, even after the client gave up.
     */
    UNKNOWN
  }

  public Operation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    values = List.copyOf(values);
    if (completeNanos < invokeNanos) {
      throw new IllegalArgumentException(
          "completed (" + completeNanos + ") before it was invoked (" + invokeNanos + ")");
    }
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  /** Real-time order: this operation completed before {@code other} was invoked. */
  public boolean precedes(Operation other) {
    return completeNanos < other.invokeNanos;
  }

  @Override
  public String toString() {
    return "p"
        + process
        + " "
        + type
        + " "
        + key
        + (value == null ? "" : " " + value)
        + (values.isEmpty() ? "" : " " + values)
        + " ["
        + invokeNanos
        + ".."
        + completeNanos
        + "] "
        + outcome
        + (detail == null ? "" : " (" + detail + ")");
  }
}
