package io.dynakv.client;

/**
 * No node served the request within the retry policy: connections refused or timed out,
 * 5xx answers (e.g. a quorum not met), 429s. For a write, {@link #possiblyWritten()} tells
 * whether any attempt may have reached a node: then the write may exist, and a read shows
 * whether it does.
 */
public final class UnavailableException extends DynakvException {

  private final boolean possiblyWritten;

  public UnavailableException(String message, boolean possiblyWritten, Throwable cause) {
    super(message, cause);
    this.possiblyWritten = possiblyWritten;
  }

  /** False only when no attempt reached a node (or every one was refused before any work). */
  public boolean possiblyWritten() {
    return possiblyWritten;
  }
}
