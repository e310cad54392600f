package io.dynakv.it.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a register history: every {@link Operation.Type#WRITE} writes a value no other write
 * writes, and every {@link Operation.Type#READ} returns the values it found (several when the key
 * has siblings, none when it was not found). Keys are judged independently.
 *
 * <p>A read may return a value only if the value was written and is not <em>superseded</em>: write
 * B supersedes write A, for a read R, when A completed before B was invoked, B was acknowledged,
 * and B completed before R was invoked (all in real time). A read returning several siblings is
 * fine as long as none of them is superseded. A read that finds nothing although some write was
 * acknowledged before it was invoked is a violation too (the empty register is superseded by any
 * such write).
 *
 * <p>This holds for a store like dynakv only when (1) every write carries the context of a read
 * that began when the write was invoked, so that a write invoked after A completed has seen A and
 * replaces it instead of becoming its sibling: the client must start timing the write before its
 * context read; and (2) R + W > N and nothing fails, so that that read does see A. With faults (or
 * blind writes) stale reads are possible, and this checker reports them rather than hiding them: it
 * returns the violations, it never throws on a bad history.
 *
 * <p>A write with an {@link Operation.Outcome#UNKNOWN} outcome may take effect at any time, even
 * after the client gave up, so it is never taken as superseded and never supersedes. A value whose
 * write definitely failed must never be read.
 */
public final class RegisterChecker {

  private RegisterChecker() {}

  public enum Kind {
    /** The read returned a value that no write wrote. */
    NEVER_WRITTEN,
    /** The read returned the value of a write that was invoked only after the read completed. */
    FROM_THE_FUTURE,
    /** The read returned the value of a write that definitely failed. */
    FAILED_WRITE,
    /** The read returned a value superseded before the read was invoked. */
    SUPERSEDED,
    /** The read found nothing although a write was acknowledged before it was invoked. */
    EMPTY_AFTER_ACKNOWLEDGED_WRITE
  }

  /**
   * One bad read: {@code value} is what it returned (null for an empty read), {@code write} the
   * write that wrote it, or for {@link Kind#SUPERSEDED} and {@link
   * Kind#EMPTY_AFTER_ACKNOWLEDGED_WRITE} the write that superseded it.
   */
  public record Violation(Kind kind, Operation read, String value, Operation write) {
    @Override
    public String toString() {
      return kind
          + ": "
          + read
          + (value == null ? "" : " returned " + value)
          + (write == null ? "" : "; write: " + write);
    }
  }

  public record Result(int reads, int writes, List<Violation> violations) {
    public boolean valid() {
      return violations.isEmpty();
    }

    public String summary() {
      return "reads "
          + reads
          + ", writes "
          + writes
          + ", violations "
          + violations.size()
          + (violations.isEmpty()
              ? ""
              : ": " + violations.subList(0, Math.min(20, violations.size())));
    }
  }

  public static Result check(Collection<Operation> history) {
    Map<String, List<Operation>> byKey = new LinkedHashMap<>();
    for (Operation op : history) {
      if (op.type() == Operation.Type.WRITE || op.type() == Operation.Type.READ) {
        byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
      }
    }
    int reads = 0;
    int writes = 0;
    List<Violation> violations = new ArrayList<>();
    for (List<Operation> ops : byKey.values()) {
      KeyHistory key = new KeyHistory(ops);
      reads += key.reads.size();
      writes += key.writesByValue.size();
      key.check(violations);
    }
    violations.sort(Comparator.comparingLong(v -> v.read().invokeNanos()));
    return new Result(reads, writes, List.copyOf(violations));
  }

  /** The operations on one key, with the acknowledged writes indexed for supersession. */
  private static final class KeyHistory {

    private final Map<String, Operation> writesByValue = new HashMap<>();
    private final List<Operation> reads = new ArrayList<>();

    /** Acknowledged writes by invoke time. */
    private final List<Operation> acknowledged = new ArrayList<>();

    /** earliestCompletion[i]: the acknowledged write of index >= i that completed first. */
    private final Operation[] earliestCompletion;

    KeyHistory(List<Operation> ops) {
      for (Operation op : ops) {
        if (op.type() == Operation.Type.READ) {
          if (op.ok()) {
            reads.add(op);
          }
        } else {
          Operation previous = writesByValue.put(op.value(), op);
          if (previous != null) {
            throw new IllegalArgumentException(
                "two writes of the same value; each write must be unique: " + previous + ", " + op);
          }
          if (op.ok()) {
            acknowledged.add(op);
          }
        }
      }
      acknowledged.sort(Comparator.comparingLong(Operation::invokeNanos));
      earliestCompletion = new Operation[acknowledged.size() + 1];
      for (int i = acknowledged.size() - 1; i >= 0; i--) {
        Operation w = acknowledged.get(i);
        Operation later = earliestCompletion[i + 1];
        earliestCompletion[i] =
            later == null || w.completeNanos() < later.completeNanos() ? w : later;
      }
    }

    void check(List<Violation> violations) {
      for (Operation read : reads) {
        if (read.values().isEmpty()) {
          Operation first = supersederAfter(Long.MIN_VALUE);
          if (first != null && first.precedes(read)) {
            violations.add(new Violation(Kind.EMPTY_AFTER_ACKNOWLEDGED_WRITE, read, null, first));
          }
        }
        for (String value : read.values()) {
          Operation write = writesByValue.get(value);
          if (write == null) {
            violations.add(new Violation(Kind.NEVER_WRITTEN, read, value, null));
          } else if (read.precedes(write)) {
            violations.add(new Violation(Kind.FROM_THE_FUTURE, read, value, write));
          } else if (write.outcome() == Operation.Outcome.FAIL) {
            violations.add(new Violation(Kind.FAILED_WRITE, read, value, write));
          } else if (write.ok()) {
            Operation superseder = supersederAfter(write.completeNanos());
            if (superseder != null && superseder.precedes(read)) {
              violations.add(new Violation(Kind.SUPERSEDED, read, value, superseder));
            }
          }
        }
      }
    }

    /** Of the acknowledged writes invoked after {@code nanos}, the one that completed first. */
    private Operation supersederAfter(long nanos) {
      int lo = 0;
      int hi = acknowledged.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (acknowledged.get(mid).invokeNanos() > nanos) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return earliestCompletion[lo];
    }
  }
}
