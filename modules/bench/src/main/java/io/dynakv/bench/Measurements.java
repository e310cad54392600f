package io.dynakv.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where workers report every finished operation. Keeps those whose start falls in the
 * measured interval and drops the warm-up's; counts everything for the progress line.
 */
public final class Measurements {

  private final RunWindow window;
  private final Map<OperationType, OperationRecorder> recorders = new EnumMap<>(OperationType.class);
  private final LongAdder completed = new LongAdder();
  private final LongAdder completedInWindow = new LongAdder();

  public Measurements(RunWindow window) {
    this.window = window;
    for (OperationType type : OperationType.values()) {
      recorders.put(type, new OperationRecorder());
    }
  }

  /**
   * @param intendedStartNanos when the operation was due: its schedule slot in an open loop,
   *     its actual start in a closed loop
   * @param actualStartNanos when the worker got to it; the difference is time spent behind
   *     schedule, which belongs in the latency
   */
  public void record(
      OperationType type, long intendedStartNanos, long actualStartNanos, KvOperations.Outcome outcome) {
    completed.increment();
    if (!window.isMeasured(intendedStartNanos)) {
      return;
    }
    completedInWindow.increment();
    OperationRecorder recorder = recorders.get(type);
    if (outcome.isOk()) {
      recorder.recordSuccess(outcome.latencyNanos() + (actualStartNanos - intendedStartNanos));
    } else {
      recorder.recordError(outcome.errorKind());
    }
  }

  public RunWindow window() {
    return window;
  }

  /** All operations finished so far, warm-up included. */
  public long completed() {
    return completed.sum();
  }

  public long completedInWindow() {
    return completedInWindow.sum();
  }

  /** One entry per operation type, in {@link OperationType} order. Call once, at the end. */
  public List<OperationStats> snapshot() {
    List<OperationStats> stats = new ArrayList<>();
    recorders.forEach((type, recorder) -> stats.add(recorder.snapshot(type.label())));
    return stats;
  }
}
