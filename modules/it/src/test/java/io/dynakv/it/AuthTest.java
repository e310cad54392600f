package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynakv.cli.ExitCode;
import io.dynakv.cli.Main;
import io.dynakv.cli.Terminal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP authentication on a three-node cluster, with tokens made by deploy/make-tokens.sh: the
 * issue's Done-when lines for tokens and roles, every refusal JSON, health and readiness open.
 */
class AuthTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir static Path root;
  private static Tokens tokens;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    tokens = Tokens.make(root.resolve("secrets"));
    cluster =
        LocalCluster.start(
            3,
            root.resolve("cluster"),
            Map.of(
                NodeProcess.AUTH, "on",
                "dynakv.security.http.tokens-file", tokens.hashedFile().toString()));
    // As ClusterSupport.awaitCommonRing, with a token: every node has the same settled ring.
    Awaitility.await("a common ring of three nodes")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode first = send(1, "GET", "/v1/ring", tokens.read(), null).json();
              for (int node = 1; node <= 3; node++) {
                JsonNode ring = send(node, "GET", "/v1/ring", tokens.read(), null).json();
                if (ring.get("members").size() != 3 || !ring.get("transition").isNull() || !ring.equals(first)) {
                  return false;
                }
              }
              return true;
            });
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  record Answer(int status, String body, HttpResponse<String> response) {
    JsonNode json() {
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      return Json.parse(body);
    }

    String error() {
      return json().path("error").asText();
    }
  }

  private static Answer send(int node, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(cluster.node(node).uri(path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response);
  }

  @Test
  void theTokensFilesAreOnlyForTheirOwner() throws Exception {
    Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(tokens.hashedFile())).isEqualTo(ownerOnly);
    assertThat(Files.getPosixFilePermissions(tokens.hashedFile().resolveSibling("tokens.json"))).isEqualTo(ownerOnly);
  }

  @Test
  void eachRoleDoesWhatItMayAndIsRefusedTheRestInJson() throws Exception {
    String key = "/v1/buckets/auth/keys/k1";

    Answer anonymous = send(1, "PUT", key, null, "v");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.error()).isEqualTo("unauthorized");
    assertThat(anonymous.response().headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dynakv\"");

    Answer wrong = send(2, "PUT", key, tokens.write() + "x", "v");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.error()).isEqualTo("unauthorized");

    Answer readPut = send(1, "PUT", key, tokens.read(), "v");
    assertThat(readPut.status()).isEqualTo(403);
    assertThat(readPut.error()).isEqualTo("forbidden");
    assertThat(readPut.json().path("detail").asText()).contains("write role");

    Answer write = send(1, "PUT", key, tokens.write(), "v1");
    assertThat(write.status()).as(write.body()).isEqualTo(204);
    for (int node = 1; node <= 3; node++) {
      Answer read = send(node, "GET", key, tokens.read(), null);
      assertThat(read.status()).as("GET on node-%d", node).isEqualTo(200);
      assertThat(read.body()).isEqualTo("v1");
    }

    Answer writeProps = send(2, "PUT", "/v1/buckets/auth/props", tokens.write(), "{\"allow-siblings\": false}");
    assertThat(writeProps.status()).isEqualTo(403);
    assertThat(writeProps.error()).isEqualTo("forbidden");
    assertThat(writeProps.json().path("detail").asText()).contains("admin role");

    Answer adminProps = send(3, "PUT", "/v1/buckets/auth/props", tokens.admin(), "{\"allow-siblings\": false}");
    assertThat(adminProps.status()).as(adminProps.body()).isEqualTo(200);
    Awaitility.await("the props change reaches node-1")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !send(1, "GET", "/v1/buckets/auth/props", tokens.read(), null).json().path("allow-siblings").asBoolean());

    Answer writeJoin = send(1, "POST", "/v1/cluster/join", tokens.write(), null);
    assertThat(writeJoin.status()).isEqualTo(403);
    assertThat(writeJoin.error()).isEqualTo("forbidden");
  }

  @Test
  void healthAndReadinessAreOpenAndMetricsNeedAToken() throws Exception {
    assertThat(send(1, "GET", "/v1/health", null, null).status()).isEqualTo(200);
    assertThat(send(2, "GET", "/v1/ready", null, null).status()).isEqualTo(200);
    Answer metrics = send(3, "GET", "/metrics", null, null);
    assertThat(metrics.status()).isEqualTo(401);
    assertThat(metrics.error()).isEqualTo("unauthorized");
    assertThat(send(3, "GET", "/metrics", tokens.read(), null).status()).isEqualTo(200);
    assertThat(send(1, "GET", "/v1/ring", null, null).status()).isEqualTo(401);
    assertThat(send(1, "GET", "/v1/members", tokens.read(), null).status()).isEqualTo(200);
  }

  /** The CLI in this JVM; exit code, stdout and stderr. */
  private static String[] cli(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Terminal terminal = new Terminal(out, err, new java.io.ByteArrayInputStream(new byte[0]), false);
    int code = Main.run(terminal, args);
    terminal.out().flush();
    terminal.err().flush();
    return new String[] {
      Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void theCliSendsTheTokenOfItsFileAndExits6WhenRefused() throws Exception {
    Path readFile = root.resolve("read.token");
    Files.writeString(readFile, tokens.read() + "\n");
    Path writeFile = root.resolve("write.token");
    Files.writeString(writeFile, tokens.write() + "\n");
    String node = cluster.node(2).uri("").toString();

    String[] anonymous = cli("--node", node, "put", "auth-cli", "k", "v");
    assertThat(anonymous[0]).as(anonymous[2]).isEqualTo(Integer.toString(ExitCode.DENIED));
    assertThat(anonymous[2]).startsWith("dynakv: unauthorized: ").contains("--token-file");

    String[] readPut = cli("--node", node, "--token-file", readFile.toString(), "put", "auth-cli", "k", "v");
    assertThat(readPut[0]).as(readPut[2]).isEqualTo(Integer.toString(ExitCode.DENIED));
    assertThat(readPut[2]).startsWith("dynakv: forbidden: ").contains("write role").doesNotContain(tokens.read());

    String[] put = cli("--node", node, "--token-file", writeFile.toString(), "put", "auth-cli", "k", "v");
    assertThat(put[0]).as(put[2]).isEqualTo("0");
    String[] get = cli("--node", node, "--token-file", readFile.toString(), "get", "auth-cli", "k");
    assertThat(get[0]).as(get[2]).isEqualTo("0");
    assertThat(get[1]).contains("v");
  }

  @Test
  void aNodeWithAuthOnAndNoUsableTokensFileRefusesToStart() throws Exception {
    Path garbled = root.resolve("garbled.json");
    Files.writeString(garbled, "{\"tokens\": [{\"name\": \"x\", \"role\": \"root\", \"sha256\": \"00\"}]}");
    for (Map<String, String> settings :
        List.of(
            Map.of(NodeProcess.AUTH, "on"),
            Map.of(NodeProcess.AUTH, "on", "dynakv.security.http.tokens-file", root.resolve("missing.json").toString()),
            Map.of(NodeProcess.AUTH, "on", "dynakv.security.http.tokens-file", garbled.toString()))) {
      Path dataDir = Files.createTempDirectory(root, "refused");
      NodeProcess node =
          new NodeProcess(
              "node-9", dataDir, NodeProcess.freePort(), NodeProcess.freePort(), List.of(), settings);
      try {
        node.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !node.isAlive());
        List<String> printed = Files.readAllLines(dataDir.resolve("stdout.log"));
        assertThat(node.exitCode()).as("%s", printed).isEqualTo(2);
        assertThat(printed).as("%s", settings).hasSize(1);
        assertThat(printed.get(0)).startsWith("dynakv: invalid configuration: ").contains("tokens");
      } finally {
        node.kill();
      }
    }
  }
}
