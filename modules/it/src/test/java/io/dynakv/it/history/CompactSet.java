package io.dynakv.it.history;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of non-negative numbers written as ranges, {@code "1-5,7,9-12"}: what a cart of
 * sequentially numbered elements stays small as (a few ranges, whatever its size), so one key
 * can be written many thousands of times with every acknowledged element still checkable.
 */
public final class CompactSet {

  private CompactSet() {}

  public static String encode(Collection<Long> elements) {
    List<String> ranges = new ArrayList<>();
    Long start = null;
    Long previous = null;
    for (long e : new TreeSet<>(elements)) {
      if (start == null) {
        start = e;
      } else if (e != previous + 1) {
        ranges.add(range(start, previous));
        start = e;
      }
      previous = e;
    }
    if (start != null) {
      ranges.add(range(start, previous));
    }
    return String.join(",", ranges);
  }

  private static String range(long from, long to) {
    return from == to ? Long.toString(from) : from + "-" + to;
  }

  /** IllegalArgumentException if {@code text} is not of the form {@link #encode} writes. */
  public static TreeSet<Long> decode(String text) {
    TreeSet<Long> elements = new TreeSet<>();
    if (text.isEmpty()) {
      return elements;
    }
    for (String part : text.split(",")) {
      int dash = part.indexOf('-');
      long from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
      long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
      if (from < 0 || to < from || to - from > 10_000_000) {
        throw new IllegalArgumentException("bad range " + part);
      }
      for (long e = from; e <= to; e++) {
        elements.add(e);
      }
    }
    return elements;
  }

  /**
   * The union of every live version a GET answered: a 200's body, each value of a 300's
   * siblings (base64), nothing for a 404.
   */
  public static TreeSet<Long> ofAnswer(int status, String body) throws Exception {
    TreeSet<Long> union = new TreeSet<>();
    if (status == 200) {
      union.addAll(decode(body));
    } else if (status == 300) {
      for (var sibling : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("siblings")) {
        if (!sibling.path("deleted").asBoolean(false)) {
          union.addAll(decode(new String(Base64.getDecoder().decode(sibling.get("value").asText()),
              java.nio.charset.StandardCharsets.UTF_8)));
        }
      }
    } else if (status != 404) {
      throw new IllegalArgumentException("not a read answer: " + status);
    }
    return union;
  }
}
