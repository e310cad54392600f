package io.dynakv.it.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges an acknowledged-set history (the shopping cart): clients add unique elements to a few keys
 * by read-merge-write, and a final read returns the set found under each key.
 *
 * <ul>
 *   <li><b>lost</b>: an element whose add was acknowledged but that the final read does not hold.
 *       Must be empty: the store dropped an acknowledged write.
 *   <li><b>unacknowledged found</b>: an element whose add had an unknown outcome (timeout, 5xx,
 *       connection error) and that is there. Allowed; a measure of how often "unknown" meant
 *       "done".
 *   <li><b>failed found</b>: an element whose every add definitely failed (rejected, or never sent)
 *       and that is there anyway. A violation: the client was told it did not happen.
 *   <li><b>unexpected</b>: an element no client ever tried to add. A violation (corruption).
 * </ul>
 *
 * <p>Only {@link Operation.Type#ADD} operations count; an element is identified by its key and
 * value, and is acknowledged if any add of it was. A key absent from the final read is taken as
 * empty, so pass only keys whose final read succeeded.
 */
public final class AckedSetChecker {

  private AckedSetChecker() {}

  /** One element of one key's set. */
  public record Element(String key, String value) {
    static final Comparator<Element> ORDER =
        Comparator.comparing(Element::key).thenComparing(Element::value);

    @Override
    public String toString() {
      return key + "/" + value;
    }
  }

  public record Result(
      int attempted,
      int acknowledged,
      int found,
      List<Element> lost,
      List<Element> unacknowledgedFound,
      List<Element> failedFound,
      List<Element> unexpected) {

    /** Acknowledged adds over attempted ones (distinct elements); 0 when nothing was tried. */
    public double ackRate() {
      return attempted == 0 ? 0 : (double) acknowledged / attempted;
    }

    public boolean valid() {
      return lost.isEmpty() && failedFound.isEmpty() && unexpected.isEmpty();
    }

    public String summary() {
      return String.format(
          "attempted %d, acknowledged %d (ack rate %.4f), found %d, lost %d %s, unacknowledged"
              + " found %d, failed found %d %s, unexpected %d %s",
          attempted,
          acknowledged,
          ackRate(),
          found,
          lost.size(),
          head(lost),
          unacknowledgedFound.size(),
          failedFound.size(),
          head(failedFound),
          unexpected.size(),
          head(unexpected));
    }

    private static String head(List<Element> elements) {
      return elements.isEmpty()
          ? ""
          : elements.subList(0, Math.min(20, elements.size())).toString();
    }
  }

  public static Result check(Collection<Operation> history, Map<String, Set<String>> finalRead) {
    Map<Element, Operation.Outcome> attempts = new HashMap<>();
    for (Operation op : history) {
      if (op.type() == Operation.Type.ADD) {
        attempts.merge(new Element(op.key(), op.value()), op.outcome(), AckedSetChecker::best);
      }
    }
    Set<Element> found = new TreeSet<>(Element.ORDER);
    finalRead.forEach((key, elements) -> elements.forEach(e -> found.add(new Element(key, e))));

    List<Element> lost = new ArrayList<>();
    List<Element> unacknowledgedFound = new ArrayList<>();
    List<Element> failedFound = new ArrayList<>();
    int acknowledged = 0;
    for (var attempt : attempts.entrySet()) {
      Element element = attempt.getKey();
      boolean there = found.contains(element);
      switch (attempt.getValue()) {
        case OK -> {
          acknowledged++;
          if (!there) {
            lost.add(element);
          }
        }
        case UNKNOWN -> {
          if (there) {
            unacknowledgedFound.add(element);
          }
        }
        case FAIL -> {
          if (there) {
            failedFound.add(element);
          }
        }
      }
    }
    List<Element> unexpected = found.stream().filter(e -> !attempts.containsKey(e)).toList();
    lost.sort(Element.ORDER);
    unacknowledgedFound.sort(Element.ORDER);
    failedFound.sort(Element.ORDER);
    return new Result(
        attempts.size(),
        acknowledged,
        found.size(),
        List.copyOf(lost),
        List.copyOf(unacknowledgedFound),
        List.copyOf(failedFound),
        unexpected);
  }

  /** Of two attempts of the same element, the one that tells most: OK, then UNKNOWN, then FAIL. */
  private static Operation.Outcome best(Operation.Outcome a, Operation.Outcome b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(Operation.Outcome outcome) {
    return switch (outcome) {
      case OK -> 2;
      case UNKNOWN -> 1;
      case FAIL -> 0;
    };
  }
}
