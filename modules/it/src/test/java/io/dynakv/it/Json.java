package io.dynakv.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parsing of the JSON the API answers with. */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
