package io.dynakv.bench;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * The short names errors are counted under in the report: the HTTP status for an answer the
 * operation does not accept ("503"), a word for the failures worth telling apart ("timeout",
 * "connect"), else the exception's class name.
 */
public final class ErrorKind {

  private ErrorKind() {}

  public static String ofStatus(int status) {
    return Integer.toString(status);
  }

  public static String ofException(Exception failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "connect-timeout";
    }
    if (failure instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (failure instanceof ConnectException) {
      return "connect";
    }
    return failure.getClass().getSimpleName();
  }

  /** An update whose context-fetching GET failed never sent its PUT; say which half failed. */
  public static String ofUpdateRead(String kind) {
    return "get-" + kind;
  }
}
