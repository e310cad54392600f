package io.dynakv.client;

import java.util.List;

/**
 * A write's answer: the key's new context, and, when versions concurrent with this write
 * remain beside it (HTTP 300), every sibling (this write's value among them).
 */
public record WriteResult(Context context, List<Sibling> siblings) {

  public WriteResult {
    siblings = List.copyOf(siblings);
  }

  /** True when the write left concurrent versions beside its own. */
  public boolean hasSiblings() {
    return siblings.size() > 1;
  }
}
