package io.dynakv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --token, --token-file and what a 401 or 403 of any command looks like. */
class AuthOptionsTest {

  private static final String UNAUTHORIZED =
      "{\"error\":\"unauthorized\",\"detail\":\"this request needs a token with the write role:"
          + " send Authorization: Bearer <token>\"}";
  private static final String FORBIDDEN =
      "{\"error\":\"forbidden\",\"detail\":\"this request needs the admin role; the token"
          + " \\\"app\\\" has the write role\"}";

  @TempDir Path dir;
  private static StubNode node;

  @BeforeAll
  static void start() throws IOException {
    node = new StubNode();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void reset() {
    node.reset();
  }

  @Test
  void theTokenIsSentAsABearerHeader() {
    node.json("GET", "/v1/ring", 200, "{\"epoch\":1,\"partitions\":[]}");
    Run run = Run.of("--node", node.url().toString(), "--token", "t0k3n", "--json", "ring");
    assertThat(node.last().headers()).containsEntry("authorization", "Bearer t0k3n");
    assertThat(run.err()).doesNotContain("t0k3n");
  }

  @Test
  void theTokenFileGivesItsFirstLine() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "  from-file  \nsecond line\n");
    node.json("GET", "/v1/ring", 200, "{\"epoch\":1,\"partitions\":[]}");
    Run.of("--node", node.url().toString(), "--token-file", file.toString(), "--json", "ring");
    assertThat(node.last().headers()).containsEntry("authorization", "Bearer from-file");
  }

  @Test
  void unauthorizedIsOneLineWithExitCode6AndAHint() {
    node.json("PUT", "/v1/buckets/b/keys/k", 401, UNAUTHORIZED);
    Run run = Run.of("--node", node.url().toString(), "put", "b", "k", "v");
    assertThat(run.exitCode()).isEqualTo(ExitCode.DENIED);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("unauthorized").contains("write role").contains("--token-file");
  }

  @Test
  void forbiddenNamesTheRoleNeededWithExitCode6() {
    node.json("POST", "/v1/cluster/join", 403, FORBIDDEN);
    Run run = Run.of("--node", node.url().toString(), "--token", "t", "join");
    assertThat(run.exitCode()).isEqualTo(ExitCode.DENIED);
    assertThat(run.err()).contains("forbidden").contains("admin role");
  }

  @Test
  void aMissingTokenFileOrTrustStoreIsBadUsage() {
    Run noFile =
        Run.of("--node", node.url().toString(), "--token-file", dir.resolve("none").toString(), "ring");
    assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noFile.err()).contains("cannot read the token file");

    Run noStore =
        Run.of("--node", node.url().toString(), "--trust-store", dir.resolve("none.p12").toString(), "ring");
    assertThat(noStore.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noStore.err()).contains("cannot use the trust store");
  }
}
