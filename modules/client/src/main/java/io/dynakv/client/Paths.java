package io.dynakv.client;

import java.nio.charset.StandardCharsets;

/** The request paths of the /v1 API, with bucket and key percent-encoded. */
final class Paths {

  private Paths() {}

  static String key(String bucket, String key) {
    return "/v1/buckets/" + segment(bucket) + "/keys/" + segment(key);
  }

  static String props(String bucket) {
    return "/v1/buckets/" + segment(bucket) + "/props";
  }

  /**
   * Percent-encodes everything but RFC 3986's unreserved characters, '/' included (the API
   * takes a key with '/' as %2F). {@code URLEncoder} is for form bodies: it turns ' ' into '+'.
   */
  static String segment(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
