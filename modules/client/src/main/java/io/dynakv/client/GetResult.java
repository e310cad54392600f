package io.dynakv.client;

import java.util.List;
import java.util.Optional;

/**
 * What a read found: nothing, one value, or several concurrent versions (siblings), with the
 * context to send back with the next write. A missing key is a result, not an exception; it
 * may still carry a context (the key was deleted and its tombstone is not reaped yet).
 */
public record GetResult(List<Sibling> siblings, Optional<Context> context) {

  public GetResult {
    siblings = List.copyOf(siblings);
  }

  static GetResult notFound(Optional<Context> context) {
    return new GetResult(List.of(), context);
  }

  /** True when at least one version is a value (not every version a tombstone). */
  public boolean found() {
    return siblings.stream().anyMatch(s -> !s.isTombstone());
  }

  /** True when the node answered with concurrent versions (HTTP 300). */
  public boolean hasSiblings() {
    return siblings.size() > 1;
  }

  /** Every version that is a value, tombstones left out. */
  public List<Value> values() {
    return siblings.stream().filter(s -> !s.isTombstone()).map(Sibling::value).toList();
  }

  /**
   * The value when there is exactly one; empty when there is none.
   *
   * @throws IllegalStateException when there are siblings: resolve them first (see {@link
   *     ConflictResolver}, or {@link DynakvClient#get(String, String, ConflictResolver)})
   */
  public Optional<Value> value() {
    List<Value> values = values();
    if (values.size() > 1) {
      throw new IllegalStateException(
          values.size() + " siblings: resolve them with a ConflictResolver");
    }
    return values.stream().findFirst();
  }
}
