package io.dynakv.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One generated HTTP request, as the fuzz test sends it with java.net.http: a method, a target
 * (path and query, already percent-encoded as it goes on the wire), headers and a body (null: none
 * at all; empty: {@code Content-Length: 0}).
 */
record FuzzRequest(String method, String target, List<FuzzRequest.Header> headers, byte[] body) {

  record Header(String name, String value) {}

  /** The methods RFC 9110 defines (and PATCH); akka-http answers any other with 501. */
  static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  FuzzRequest withHeaders(List<Header> replaced) {
    return new FuzzRequest(method, target, replaced, body);
  }

  boolean customMethod() {
    return !STANDARD_METHODS.contains(method);
  }

  /**
   * Whether the request asks for a deadline short enough that a 503 ("quorum not met") or 504 is a
   * fair answer: some {@code timeout} parameter reads, as the server reads it, as 1 to 2000 ms.
   */
  boolean shortTimeout() {
    int q = target.indexOf('?');
    if (q < 0) {
      return false;
    }
    for (String param : target.substring(q + 1).split("&")) {
      int eq = param.indexOf('=');
      if (eq < 0 || !decode(param.substring(0, eq)).equals("timeout")) {
        continue;
      }
      try {
        long millis = Long.parseLong(decode(param.substring(eq + 1)).strip());
        if (millis >= 1 && millis <= 2000) {
          return true;
        }
      } catch (NumberFormatException e) {
        // not a number: a 400, not a short deadline
      }
    }
    return false;
  }

  /** This request as bytes on the wire, as java.net.http would send it, asking for a close. */
  byte[] toWire(int port) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target.isEmpty() ? "/" : target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    for (Header h : headers) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + (body == null ? 0 : body.length)];
    System.arraycopy(start, 0, all, 0, start.length);
    if (body != null) {
      System.arraycopy(body, 0, all, start.length, body.length);
    }
    return all;
  }

  /** Everything needed to send this exact request again, long parts abbreviated with a hash. */
  String describe() {
    StringBuilder s = new StringBuilder();
    s.append(method).append(' ').append(abbreviate(target, 600)).append('\n');
    for (Header h : headers) {
      s.append("  ").append(h.name()).append(": ").append(abbreviate(h.value(), 300)).append('\n');
    }
    if (body == null) {
      s.append("  (no body)");
    } else if (body.length <= 200) {
      s.append("  body (").append(body.length).append(" bytes, hex): ");
      s.append(HexFormat.of().formatHex(body));
    } else {
      s.append("  body: ").append(body.length).append(" bytes, sha-256 ").append(sha256(body));
      s.append(", first 64 hex ").append(HexFormat.of().formatHex(body, 0, 64));
    }
    return s.toString();
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max
        ? s
        : s.substring(0, max)
            + "...("
            + s.length()
            + " chars, sha-256 "
            + sha256(s.getBytes(StandardCharsets.UTF_8))
            + ")";
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Percent-decoding as UTF-8 with '+' as a space, malformed input kept as is. */
  static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
