package io.dynakv.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private final AccessPolicy policy = new AccessPolicy(false);

  private Optional<Role> required(AccessPolicy p, String method, String path) {
    List<String> segments =
        path.equals("/") ? List.of() : Arrays.asList(path.substring(1).split("/"));
    return p.required(method, segments);
  }

  private Optional<Role> required(String method, String path) {
    return required(policy, method, path);
  }

  @Test
  void healthReadinessAndTheConsoleAreOpen() {
    assertThat(required("GET", "/v1/health")).isEmpty();
    assertThat(required("GET", "/v1/ready")).isEmpty();
    assertThat(required("GET", "/console")).isEmpty();
    assertThat(required("GET", "/console/console.js")).isEmpty();
  }

  @Test
  void everyGetUnderV1NeedsRead() {
    for (String path :
        List.of(
            "/v1/buckets/b/keys/k", "/v1/buckets/b/props", "/v1/ring", "/v1/members", "/v1/status",
            "/v1/handoff", "/v1/preflist/b/k", "/v1/cluster/join", "/v1/nothing-here")) {
      assertThat(required("GET", path)).as(path).contains(Role.READ);
      assertThat(required("HEAD", path)).as(path).contains(Role.READ);
    }
  }

  @Test
  void keysAreWrittenWithWriteAndEverythingElseNeedsAdmin() {
    assertThat(required("PUT", "/v1/buckets/b/keys/k")).contains(Role.WRITE);
    assertThat(required("DELETE", "/v1/buckets/b/keys/k")).contains(Role.WRITE);
    assertThat(required("PUT", "/v1/buckets/b/props")).contains(Role.ADMIN);
    assertThat(required("POST", "/v1/cluster/join")).contains(Role.ADMIN);
    assertThat(required("POST", "/v1/cluster/leave/node-2")).contains(Role.ADMIN);
    assertThat(required("POST", "/v1/cluster/down/node-2")).contains(Role.ADMIN);
    assertThat(required("POST", "/v1/cluster/admit/node-4")).contains(Role.ADMIN);
    assertThat(required("POST", "/v1/anti-entropy")).contains(Role.ADMIN);
    assertThat(required("POST", "/v1/buckets/b/keys/k")).as("unknown methods").contains(Role.ADMIN);
    assertThat(required("PUT", "/v1/buckets/b/keys/k/more")).contains(Role.ADMIN);
  }

  @Test
  void metricsNeedReadUnlessOpened() {
    assertThat(required("GET", "/metrics")).contains(Role.READ);
    assertThat(required(new AccessPolicy(true), "GET", "/metrics")).isEmpty();
    assertThat(required(new AccessPolicy(true), "GET", "/metrics/more")).contains(Role.READ);
  }

  @Test
  void pathsNoRouteKnowsAreNotOpen() {
    assertThat(required("GET", "/")).contains(Role.READ);
    assertThat(required("GET", "/v1/health/x")).contains(Role.READ);
    assertThat(required("GET", "/consoles")).contains(Role.READ);
    assertThat(required("POST", "/v2/health")).contains(Role.ADMIN);
  }

  @Test
  void rolesIncludeTheLowerOnes() {
    assertThat(Role.ADMIN.includes(Role.WRITE)).isTrue();
    assertThat(Role.ADMIN.includes(Role.READ)).isTrue();
    assertThat(Role.WRITE.includes(Role.READ)).isTrue();
    assertThat(Role.WRITE.includes(Role.ADMIN)).isFalse();
    assertThat(Role.READ.includes(Role.WRITE)).isFalse();
  }
}
