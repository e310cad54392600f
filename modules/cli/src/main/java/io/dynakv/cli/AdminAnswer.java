package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to an admin call ({@code 202 {"accepted":true,"detail":...}}, or a 409 when the
 * node refuses): the detail on success, a failure (exit 1) with the node's reason otherwise.
 */
final class AdminAnswer {

  private AdminAnswer() {}

  static int print(DynakvCommand cli, Reply reply, String done) {
    JsonNode body = reply.successJson();
    if (cli.json()) {
      cli.printJson(body);
    } else {
      String detail = Json.text(body, "detail", "");
      cli.terminal().out().println(detail.isBlank() ? done : done + ": " + detail);
    }
    return ExitCode.OK;
  }
}
