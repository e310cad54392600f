package io.dynakv.http.auth;

import java.util.Optional;

/** Reads the token of an {@code Authorization: Bearer <token>} header (RFC 6750). */
public final class BearerToken {

  private static final String SCHEME = "bearer ";

  private BearerToken() {}

  /** The token, or empty when the header is absent, of another scheme or blank. */
  public static Optional<String> from(Optional<String> authorization) {
    return authorization.flatMap(
        value -> {
          String trimmed = value.strip();
          if (trimmed.length() <= SCHEME.length()
              || !trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
          }
          String token = trimmed.substring(SCHEME.length()).strip();
          return token.isEmpty() ? Optional.empty() : Optional.of(token);
        });
  }
}
