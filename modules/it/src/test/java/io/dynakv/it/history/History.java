package io.dynakv.it.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A thread-safe log of client operations, for a checker to judge afterwards. A client calls {@link
 * #invoke} just before it sends a request and completes the returned {@link Invocation} once it
 * knows the outcome; only completed operations are in the history.
 */
public final class History {

  private final LongSupplier nanoClock;
  private final List<Operation> operations = new ArrayList<>();

  public History() {
    this(System::nanoTime);
  }

  /** With the clock the invoke and complete times are read from (for deterministic tests). */
  public History(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  public Invocation invoke(
      int process, Operation.Type type, String key, String value, List<String> values) {
    return new Invocation(process, type, key, value, List.copyOf(values), nanoClock.getAsLong());
  }

  /** Adds an operation that was timed elsewhere. */
  public synchronized void record(Operation operation) {
    operations.add(operation);
  }

  /** Every completed operation, in the order they completed. */
  public synchronized List<Operation> operations() {
    return List.copyOf(operations);
  }

  public List<Operation> ofType(Operation.Type type) {
    return operations().stream().filter(op -> op.type() == type).toList();
  }

  /** An operation that was sent and whose outcome is not known yet. Completes once. */
  public final class Invocation {

    private final int process;
    private final Operation.Type type;
    private final String key;
    private final String value;
    private final List<String> values;
    private final long invokeNanos;
    private final AtomicBoolean completed = new AtomicBoolean();

    private Invocation(
        int process,
        Operation.Type type,
        String key,
        String value,
        List<String> values,
        long invokeNanos) {
      this.process = process;
      this.type = type;
      this.key = key;
      this.value = value;
      this.values = values;
      this.invokeNanos = invokeNanos;
    }

    /** Acknowledged; the operation keeps the values it was invoked with. */
    public Operation ok() {
      return complete(values, Operation.Outcome.OK, null);
    }

    /**
     * Acknowledged, with the values known only now: what a read returned (one entry per sibling;
     * empty for not found), or the payload a write ended up writing.
     */
    public Operation ok(List<String> values) {
      return complete(values, Operation.Outcome.OK, null);
    }

    public Operation fail(String detail) {
      return complete(values, Operation.Outcome.FAIL, detail);
    }

    public Operation unknown(String detail) {
      return complete(values, Operation.Outcome.UNKNOWN, detail);
    }

    private Operation complete(List<String> result, Operation.Outcome outcome, String detail) {
      if (!completed.compareAndSet(false, true)) {
        throw new IllegalStateException("already completed: p" + process + " " + type + " " + key);
      }
      Operation op =
          new Operation(
              process,
              type,
              key,
              value,
              result,
              invokeNanos,
              nanoClock.getAsLong(),
              outcome,
              detail);
      record(op);
      return op;
    }
  }
}
