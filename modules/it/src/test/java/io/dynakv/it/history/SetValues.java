package io.dynakv.it.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dynakv.client.GetResult;
import io.dynakv.client.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Values that hold a set of strings (cart elements, write ids), stored as a JSON array of strings
 * in ascending order with content type {@value #CONTENT_TYPE}, e.g. {@code ["p1-7","p2-3"]}. And
 * the reading of a read's live siblings (the Java client parses the answer) into their sets.
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

  /** The live siblings of a read, each decoded (none for a missing key). */
  public static List<Set<String>> siblings(GetResult read) {
    return read.values().stream().map(Value::asText).map(SetValues::decode).toList();
  }

  /** A set as the value a workload writes. */
  public static Value value(Collection<String> elements) {
    return new Value(encode(elements).getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
  }

  /** The union of every sibling: what a read-merge-write client resolves them to. */
  public static Set<String> merge(Collection<? extends Set<String>> siblings) {
    Set<String> union = new TreeSet<>();
    siblings.forEach(union::addAll);
    return union;
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 200 ? String.valueOf(s) : s.substring(0, 200) + "...";
  }
}
