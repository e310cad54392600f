package io.dynakv.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A value as the application stores it: opaque bytes and the content type they were stored
 * with. Two values are equal when their bytes and content types are (as the nodes compare
 * siblings: identical values written twice read as one).
 */
public record Value(byte[] bytes, String contentType) {

  public static final String OCTET_STREAM = "application/octet-stream";

  public Value {
    Objects.requireNonNull(bytes, "bytes");
    bytes = bytes.clone();
    contentType = contentType == null || contentType.isBlank() ? OCTET_STREAM : contentType;
  }

  /** Bytes stored as {@code application/octet-stream}. */
  public static Value of(byte[] bytes) {
    return new Value(bytes, OCTET_STREAM);
  }

  /** Text stored as UTF-8 with {@code text/plain; charset=UTF-8}. */
  public static Value ofText(String text) {
    return new Value(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes decoded as UTF-8. */
  public String asText() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v && contentType.equals(v.contentType) && Arrays.equals(bytes, v.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * contentType.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Value[" + bytes.length + " bytes, " + contentType + "]";
  }
}
