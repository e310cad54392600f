package io.dynakv.http.auth;

import java.util.List;
import java.util.Optional;

/**
 * Which role a request needs, from its method and decoded path segments alone. Open: {@code
 * /v1/health}, {@code /v1/ready}, the console's static files, and {@code /metrics} when so
 * configured. Everything else is denied by default: any GET (or HEAD) needs {@code read}, a
 * PUT or DELETE of a key {@code write}, and every other method on any path {@code admin}, so
 * a route added later is never open by accident.
 */
public final class AccessPolicy {

  private final boolean openMetrics;

  public AccessPolicy(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /**
   * The role {@code method} on the path of {@code segments} needs (the path {@code /v1/ring} is
   * {@code ["v1", "ring"]}), or empty when it is open to anyone.
   */
  public Optional<Role> required(String method, List<String> segments) {
    if (isOpen(segments)) {
      return Optional.empty();
    }
    switch (method) {
      case "GET":
      case "HEAD":
        return Optional.of(Role.READ);
      case "PUT":
      case "DELETE":
        return Optional.of(isKey(segments) ? Role.WRITE : Role.ADMIN);
      default:
        return Optional.of(Role.ADMIN);
    }
  }

  private boolean isOpen(List<String> segments) {
    if (segments.isEmpty()) {
      return false;
    }
    String first = segments.get(0);
    if (first.equals("console")) {
      return true;
    }
    if (first.equals("metrics") && segments.size() == 1) {
      return openMetrics;
    }
    return segments.size() == 2
        && first.equals("v1")
        && (segments.get(1).equals("health") || segments.get(1).equals("ready"));
  }

  /** /v1/buckets/{bucket}/keys/{key} */
  private static boolean isKey(List<String> segments) {
    return segments.size() == 5
        && segments.get(0).equals("v1")
        && segments.get(1).equals("buckets")
        && segments.get(3).equals("keys");
  }
}
