package io.dynakv.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessCheckTest {

  private static final String READ = "read-token-0123456789abcdef0123456789abcdef";
  private static final String WRITE = "write-token-0123456789abcdef0123456789abcdef";

  private final AccessCheck check =
      new AccessCheck(
          new AccessPolicy(false),
          new TokenStore(
              List.of(
                  new TokenStore.Entry("dash", Role.READ, TokenStore.sha256(READ)),
                  new TokenStore.Entry("app", Role.WRITE, TokenStore.sha256(WRITE)))));

  private static final List<String> KEY = List.of("v1", "buckets", "b", "keys", "k");
  private static final List<String> PROPS = List.of("v1", "buckets", "b", "props");

  @Test
  void withoutATokenOnlyOpenPathsPass() {
    assertThat(check.decide("GET", List.of("v1", "health"), Optional.empty()))
        .isEqualTo(new AccessCheck.Allowed(Optional.empty()));
    assertThat(check.decide("PUT", KEY, Optional.empty()))
        .isInstanceOfSatisfying(
            AccessCheck.Unauthorized.class,
            u -> assertThat(u.detail()).contains("write role").contains("Bearer"));
  }

  @Test
  void anUnknownTokenOrAnotherSchemeIsUnauthorizedWithoutQuotingIt() {
    AccessCheck.Decision wrong = check.decide("GET", KEY, Optional.of("Bearer nottherighttoken"));
    assertThat(wrong).isInstanceOf(AccessCheck.Unauthorized.class);
    assertThat(((AccessCheck.Unauthorized) wrong).detail()).doesNotContain("nottherighttoken");
    assertThat(check.decide("GET", KEY, Optional.of("Basic " + READ)))
        .isInstanceOf(AccessCheck.Unauthorized.class);
  }

  @Test
  void aTokenBelowTheNeededRoleIsForbiddenNamingTheRole() {
    assertThat(check.decide("PUT", KEY, Optional.of("Bearer " + READ)))
        .isInstanceOfSatisfying(
            AccessCheck.Forbidden.class,
            f -> {
              assertThat(f.needed()).isEqualTo(Role.WRITE);
              assertThat(f.detail()).contains("write role").contains("\"dash\"").doesNotContain(READ);
            });
    assertThat(check.decide("PUT", PROPS, Optional.of("Bearer " + WRITE)))
        .isInstanceOfSatisfying(
            AccessCheck.Forbidden.class, f -> assertThat(f.needed()).isEqualTo(Role.ADMIN));
  }

  @Test
  void aTokenWithTheRoleOrAHigherOnePassesAsItsPrincipal() {
    assertThat(check.decide("GET", KEY, Optional.of("Bearer " + READ)))
        .isEqualTo(new AccessCheck.Allowed(Optional.of(new Principal("dash", Role.READ))));
    assertThat(check.decide("GET", KEY, Optional.of("bearer  " + WRITE + " ")))
        .isEqualTo(new AccessCheck.Allowed(Optional.of(new Principal("app", Role.WRITE))));
    assertThat(check.decide("DELETE", KEY, Optional.of("Bearer " + WRITE)))
        .isInstanceOf(AccessCheck.Allowed.class);
  }

  @Test
  void anOpenPathKnowsAValidTokensPrincipal() {
    assertThat(check.decide("GET", List.of("v1", "ready"), Optional.of("Bearer " + WRITE)))
        .isEqualTo(new AccessCheck.Allowed(Optional.of(new Principal("app", Role.WRITE))));
  }
}
