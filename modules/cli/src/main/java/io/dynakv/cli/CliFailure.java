package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An expected way for a command to fail (a node refused, could not be reached, a key is
 * missing): printed as one line {@code dynakv: <message>}, never as a stack trace, and the
 * process exits with {@link #exitCode()}. With {@code --json} the node's own error body, if
 * any, goes to stdout as well.
 */
public final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final transient JsonNode body;

  public CliFailure(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public CliFailure(int exitCode, String message, JsonNode body) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.body = body;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The JSON the node answered with, or null. */
  public JsonNode body() {
    return body;
  }
}
