package io.dynakv.client;

import java.util.Comparator;
import java.util.List;

/**
 * Reduces a key's siblings to the one value the application wants, as Voldemort's {@code
 * InconsistencyResolver} and Riak's {@code ConflictResolver} do. {@link DynakvClient#update}
 * calls it with every live sibling (tombstones left out, at least two values), then writes the
 * result back with the siblings' context, which replaces them all.
 *
 * <p>Updates are never lost only when the resolver merges: the result must contain every
 * sibling's changes (a union of sets, the maximum of per-writer counters — a join of a
 * semilattice). A resolver that picks one sibling, such as {@link #lastModifiedWins()}, drops
 * the others' concurrent updates.
 */
@FunctionalInterface
public interface ConflictResolver {

  /** @param siblings two or more values, none a tombstone; never modified */
  Value resolve(List<Sibling> siblings);

  /**
   * Keeps the sibling stored last by its coordinator's clock (ties broken by the bytes, so
   * every client picks the same one). Clocks drift: this is a tie-break, not an order.
   */
  static ConflictResolver lastModifiedWins() {
    Comparator<Sibling> newest =
        Comparator.comparing(Sibling::lastModified)
            .thenComparing(s -> s.value().asText())
            .thenComparing(s -> s.value().contentType());
    return siblings -> siblings.stream().max(newest).orElseThrow().value();
  }

  /** Refuses to choose: {@link DynakvClient#update} then fails with the siblings. */
  static ConflictResolver refuse() {
    return siblings -> {
      throw new UnresolvedSiblingsException(siblings);
    };
  }
}
