package io.dynakv.it.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Values that hold a set of strings (cart elements, write ids), stored as a JSON array of strings
 * in ascending order with content type {@value #CONTENT_TYPE}, e.g. {@code ["p1-7","p2-3"]}. And
 * the reading of a GET answer into its siblings' sets: 200 is one sibling (the body), 300 is the
 * {@code "siblings"} of the JSON body (each {@code "value"} base64), tombstone siblings ({@code
 * "deleted":true}) skipped, 404 is none.
 */
public final class SetValues {

  public static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SetValues() {}

  public static String encode(Collection<String> elements) {
    ArrayNode array = MAPPER.createArrayNode();
    new TreeSet<>(elements).forEach(array::add);
    return array.toString();
  }

  /** The set a value holds; IllegalArgumentException if it is not a JSON array of strings. */
  public static Set<String> decode(String value) {
    JsonNode array;
    try {
      array = MAPPER.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + abbreviate(value), e);
    }
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("not a JSON array: " + abbreviate(value));
    }
    Set<String> elements = new TreeSet<>();
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        throw new IllegalArgumentException("not an array of strings: " + abbreviate(value));
      }
      elements.add(e.asText());
    }
    return elements;
  }

  /**
   * The live siblings of a GET answer, each decoded; IllegalArgumentException for any other status
   * or a body that does not parse.
   */
  public static List<Set<String>> siblings(int status, String body) {
    return switch (status) {
      case 200 -> List.of(decode(body));
      case 404 -> List.of();
      case 300 -> siblingsOf(body);
      default -> throw new IllegalArgumentException("not a read answer: " + status);
    };
  }

  /** The union of every sibling: what a read-merge-write client resolves them to. */
  public static Set<String> merge(Collection<? extends Set<String>> siblings) {
    Set<String> union = new TreeSet<>();
    siblings.forEach(union::addAll);
    return union;
  }

  private static List<Set<String>> siblingsOf(String body) {
    JsonNode siblings;
    try {
      siblings = MAPPER.readTree(body).get("siblings");
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("not a 300 body: " + abbreviate(body), e);
    }
    if (siblings == null || !siblings.isArray()) {
      throw new IllegalArgumentException("no \"siblings\" array: " + abbreviate(body));
    }
    List<Set<String>> sets = new ArrayList<>();
    for (JsonNode sibling : siblings) {
      if (sibling.path("deleted").asBoolean(false)) {
        continue;
      }
      JsonNode value = sibling.get("value");
      if (value == null || !value.isTextual()) {
        throw new IllegalArgumentException("a sibling without a value: " + abbreviate(body));
      }
      byte[] bytes = Base64.getDecoder().decode(value.asText());
      sets.add(decode(new String(bytes, StandardCharsets.UTF_8)));
    }
    return sets;
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 200 ? String.valueOf(s) : s.substring(0, 200) + "...";
  }
}
