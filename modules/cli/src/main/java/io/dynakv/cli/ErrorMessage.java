package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line saying why a node refused a request, from its JSON error ({@code {"error":...,
 * "detail":...}}, plus {@code field} for bad input and {@code acks}/{@code required} for a
 * missed quorum).
 */
final class ErrorMessage {

  private ErrorMessage() {}

  static String of(Reply reply, JsonNode error) {
    String what = reply.method() + " " + reply.uri().getRawPath();
    if (error == null || !error.isObject()) {
      return what + " answered HTTP " + reply.status();
    }
    String kind = Json.text(error, "error", "HTTP " + reply.status());
    String detail = Json.text(error, "detail", null);
    StringBuilder line = new StringBuilder(kind);
    if (error.has("acks") && error.has("required")) {
      line.append(" (")
          .append(error.get("acks").asInt())
          .append(" of ")
          .append(error.get("required").asInt())
          .append(" acks)");
    }
    if (detail != null && !detail.isBlank()) {
      line.append(": ").append(detail);
    }
    String field = Json.text(error, "field", null);
    if (field != null && (detail == null || !detail.contains(field))) {
      line.append(" (").append(field).append(")");
    }
    if (reply.status() == 404 && detail == null && !reply.uri().getRawPath().contains("/keys/")) {
      line.append(": ").append(what).append(" (does this node have that endpoint?)");
    }
    return line.toString();
  }
}
