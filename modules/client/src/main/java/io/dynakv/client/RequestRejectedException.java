package io.dynakv.client;

/**
 * A node refused the request itself (a 4xx other than 404 and 429): sending it again, to this
 * node or another, gets the same answer, so the client never retries it. The fields are the
 * node's JSON error ({@code {"error": ..., "detail": ...}}).
 */
public class RequestRejectedException extends DynakvException {

  private final int status;
  private final String error;
  private final String detail;

  public RequestRejectedException(int status, String error, String detail) {
    super(status + " " + error + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  /** The error's name, e.g. {@code invalid_request}. */
  public String error() {
    return error;
  }

  /** The node's explanation; may be null. */
  public String detail() {
    return detail;
  }

  static RequestRejectedException of(int status, String error, String detail) {
    return switch (status) {
      case 401 -> new UnauthorizedException(error, detail);
      case 403 -> new ForbiddenException(error, detail);
      default -> new RequestRejectedException(status, error, detail);
    };
  }
}
