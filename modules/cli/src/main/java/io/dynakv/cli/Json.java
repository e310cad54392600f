package io.dynakv.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one Jackson mapper of the CLI, and reading of the node's JSON answers. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The JSON in {@code bytes}, or null if it is not JSON. */
  static JsonNode parseOrNull(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }

  /** One line, as scripts want it. */
  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The text of a field, or {@code orElse} when it is absent or null. */
  static String text(JsonNode node, String field, String orElse) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? orElse : value.asText();
  }

  static long number(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? 0 : value.asLong();
  }

  static double decimal(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? 0 : value.asDouble();
  }
}
