package io.dynakv.http.auth;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a request may go on: the {@link AccessPolicy} says which role it needs, the
 * {@link TokenStore} who its bearer token belongs to. Pure, so every rule is unit tested; the
 * HTTP layer only turns a decision into a 401, a 403 or the route. Details never quote the
 * token.
 */
public final class AccessCheck {

  /** What to do with a request. */
  public sealed interface Decision permits Allowed, Unauthorized, Forbidden {}

  /** Go on; {@code principal} is empty for an open path without a (valid) token. */
  public record Allowed(Optional<Principal> principal) implements Decision {}

  /** 401: no token, or one no entry knows. */
  public record Unauthorized(String detail) implements Decision {}

  /** 403: a known token whose role is below the one needed. */
  public record Forbidden(Principal principal, Role needed, String detail) implements Decision {}

  private final AccessPolicy policy;
  private final TokenStore tokens;

  public AccessCheck(AccessPolicy policy, TokenStore tokens) {
    this.policy = policy;
    this.tokens = tokens;
  }

  public Decision decide(String method, List<String> segments, Optional<String> authorization) {
    Optional<Role> needed = policy.required(method, segments);
    Optional<String> token = BearerToken.from(authorization);
    Optional<Principal> principal = token.flatMap(tokens::authenticate);
    if (needed.isEmpty()) {
      return new Allowed(principal);
    }
    if (token.isEmpty()) {
      return new Unauthorized(
          "this request needs a token with the "
              + needed.get().label()
              + " role: send Authorization: Bearer <token>");
    }
    if (principal.isEmpty()) {
      return new Unauthorized("the bearer token is not valid");
    }
    if (!principal.get().role().includes(needed.get())) {
      return new Forbidden(
          principal.get(),
          needed.get(),
          "this request needs the "
              + needed.get().label()
              + " role; the token \""
              + principal.get().name()
              + "\" has the "
              + principal.get().role().label()
              + " role");
    }
    return new Allowed(principal);
  }
}
