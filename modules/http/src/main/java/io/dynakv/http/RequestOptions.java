package io.dynakv.http;

import io.dynakv.core.InvalidInputException;
import io.dynakv.core.version.VersionVector;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns the optional parts of a key request (query {@code r}, {@code w}, {@code timeout}, the
 * {@code X-Context} header) into what {@link io.dynakv.node.api.KvService} takes. Only the
 * syntax is checked here; ranges (r=0, r greater than n, a timeout over the maximum) are
 * KvService's to judge, so every way in gets the same answer.
 */
final class RequestOptions {

  static final String CONTEXT_HEADER = "X-Context";

  private RequestOptions() {}

  /** An r or w; null when absent (the bucket's default applies). */
  static Integer quorum(String name, Optional<String> raw) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(asciiDigits(raw.get().strip()));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          name, name + " must be an integer, got '" + ErrorResponses.echo(raw.get()) + "'");
    }
  }

  /** A deadline in milliseconds; null when absent (the node's default applies). */
  static Duration timeout(Optional<String> raw) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofMillis(Long.parseLong(asciiDigits(raw.get().strip())));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "timeout",
          "timeout must be a whole number of milliseconds, got '"
              + ErrorResponses.echo(raw.get())
              + "'");
    }
  }

  /**
   * Java's number parsing takes any Unicode digit ("١" is 1); a query parameter takes only
   * an optional sign and ASCII digits.
   */
  private static String asciiDigits(String s) {
    if (!s.matches("[+-]?[0-9]{1,18}")) {
      throw new NumberFormatException(s);
    }
    return s;
  }

  /** The context a client got from an earlier answer; null for a blind write. */
  static VersionVector context(Optional<String> raw) {
    if (raw.isEmpty() || raw.get().isBlank()) {
      return null;
    }
    try {
      return VersionVector.decode(raw.get().strip());
    } catch (IllegalArgumentException e) {
      // InvalidContextException is one; so is anything else a garbled header trips over.
      throw new InvalidInputException(
          CONTEXT_HEADER,
          "not a context this store issued; send back the X-Context of an earlier answer"
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }
}
