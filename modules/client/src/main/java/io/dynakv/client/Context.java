package io.dynakv.client;

import java.util.Objects;

/**
 * The causal context of a read (the node's {@code X-Context} header): what the reader has
 * seen. Send it back with the write that follows the read, so that the write replaces the
 * versions read instead of standing beside them as a sibling. Opaque: only the nodes decode it.
 */
public record Context(String encoded) {

  public Context {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.isBlank()) {
      throw new IllegalArgumentException("a context is never blank");
    }
  }

  @Override
  public String toString() {
    return encoded;
  }
}
