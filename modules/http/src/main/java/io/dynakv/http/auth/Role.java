package io.dynakv.http.auth;

import java.util.Locale;

/**
 * What a token may do, each role including the ones before it: {@code read} (every GET under
 * /v1, and /metrics), {@code write} (PUT and DELETE of keys), {@code admin} (bucket properties,
 * /v1/cluster/*, anti-entropy).
 */
public enum Role {
  READ,
  WRITE,
  ADMIN;

  /** Whether a token of this role may do what {@code needed} allows. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The name used in the tokens file and in error messages: read, write, admin. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code label} (read, write or admin), or an IllegalArgumentException. */
  public static Role of(String label) {
    for (Role role : values()) {
      if (role.label().equals(label)) {
        return role;
      }
    }
    throw new IllegalArgumentException("role must be read, write or admin, not \"" + label + "\"");
  }
}
