package io.dynakv.client;

import java.util.List;

/** A {@link ConflictResolver} declined to choose between siblings. */
public final class UnresolvedSiblingsException extends DynakvException {

  private final List<Sibling> siblings;

  public UnresolvedSiblingsException(List<Sibling> siblings) {
    super(siblings.size() + " siblings left unresolved");
    this.siblings = List.copyOf(siblings);
  }

  public List<Sibling> siblings() {
    return siblings;
  }
}
