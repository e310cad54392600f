package io.dynakv.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tokens a node accepts, kept as SHA-256 hashes only. A token is 256 random bits, so a
 * plain hash is as strong as a slow KDF would be (no dictionary to try), and cheap on every
 * request. A presented token is hashed and compared with every entry, each in constant time,
 * without stopping at a match: how long a lookup takes tells nothing about which token exists.
 */
public final class TokenStore {

  /** One accepted token: its name (for logs and limits), its role and its SHA-256. */
  public record Entry(String name, Role role, byte[] sha256) {
    public Entry {
      if (sha256.length != 32) {
        throw new IllegalArgumentException("a SHA-256 hash has 32 bytes");
      }
      sha256 = sha256.clone();
    }
  }

  private final List<Entry> entries;

  public TokenStore(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public int size() {
    return entries.size();
  }

  /** The token's name and role, or empty when no entry has its hash. */
  public Optional<Principal> authenticate(String token) {
    byte[] presented = sha256(token);
    Entry found = null;
    for (Entry entry : entries) {
      // No early exit: every entry is compared, whatever matched before.
      if (MessageDigest.isEqual(entry.sha256(), presented) && found == null) {
        found = entry;
      }
    }
    return found == null ? Optional.empty() : Optional.of(new Principal(found.name(), found.role()));
  }

  /** The SHA-256 of a token's UTF-8 bytes. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** As written in a tokens file: 64 lower-case hex digits. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }
}
