package io.dynakv.client;

/**
 * {@link DynakvClient#update} wrote its value, but every attempt to fold the concurrent
 * versions that appeared beside it raced with yet another write. The update itself is stored
 * (as one of the siblings); a later read or update resolves them.
 */
public final class UpdateConflictException extends DynakvException {

  private final WriteResult last;

  public UpdateConflictException(int attempts, WriteResult last) {
    super("siblings remained after " + attempts + " writes");
    this.last = last;
  }

  /** The last write's answer, siblings included. */
  public WriteResult lastWrite() {
    return last;
  }
}
