package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** A node's answer to one request: status, the headers the CLI uses (X-Context, Content-Type), and the body. */
public record Reply(String method, URI uri, int status, String context, String contentType, byte[] body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as JSON; a body that is not JSON is a failure naming the request. */
  public JsonNode json() {
    JsonNode node = Json.parseOrNull(body);
    if (node == null) {
      throw new CliFailure(
          ExitCode.FAILED,
          method + " " + uri + " answered " + status + " without JSON; is this a dynakv node?");
    }
    return node;
  }

  /** The JSON body, or throws the failure the answer means if it is not a success. */
  public JsonNode successJson() {
    if (!ok()) {
      throw failure();
    }
    return json();
  }

  /** The failure this (unsuccessful) answer means, with the node's error body if any. */
  public CliFailure failure() {
    JsonNode error = Json.parseOrNull(body);
    return new CliFailure(ExitCode.forStatus(status), ErrorMessage.of(this, error), error);
  }
}
