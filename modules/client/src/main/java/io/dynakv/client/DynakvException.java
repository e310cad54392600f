package io.dynakv.client;

/** Every failure the client reports. Unchecked: most callers let it propagate. */
public class DynakvException extends RuntimeException {

  public DynakvException(String message) {
    super(message);
  }

  public DynakvException(String message, Throwable cause) {
    super(message, cause);
  }
}
