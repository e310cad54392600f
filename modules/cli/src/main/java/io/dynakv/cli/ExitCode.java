package io.dynakv.cli;

/**
 * What the exit status of {@code dynakv} means. Scripts branch on these, so they never change
 * meaning: 0 done, 1 the cluster refused or failed, 2 bad usage, 3 a node could not be reached,
 * 4 not found, 5 unavailable (no quorum, a timeout inside the cluster, or a watch that did not
 * finish in time), 6 not authorised (401: no token or an invalid one; 403: the token's role is
 * too low).
 */
public final class ExitCode {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int NOT_FOUND = 4;
  public static final int UNAVAILABLE = 5;
  public static final int DENIED = 6;

  private ExitCode() {}

  /** The exit status for a node's HTTP answer. */
  public static int forStatus(int httpStatus) {
    if (httpStatus >= 200 && httpStatus < 300 || httpStatus == 300) {
      return OK;
    }
    switch (httpStatus) {
      case 400:
      case 413:
        return USAGE;
      case 401:
      case 403:
        return DENIED;
      case 404:
        return NOT_FOUND;
      case 503:
      case 504:
        return UNAVAILABLE;
      default:
        return FAILED;
    }
  }
}
