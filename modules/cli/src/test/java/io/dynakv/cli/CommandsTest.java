package io.dynakv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command against a stub node: the request it sends, what it prints, its exit code. */
class CommandsTest {

  private static final String STATUS =
      "{\"node\":\"node-1\",\"partitions\":{\"owned\":256,\"fallback\":2},\"objects\":1042,"
          + "\"hintedObjects\":2,\"bytes\":1102318,\"ringEpoch\":3,\"ringInTransition\":false,"
          + "\"handoff\":{\"pendingPartitions\":2,\"pendingObjects\":2,\"transferPartitionsLeft\":0,"
          + "\"objectsSent\":5120,\"objectsPerSecond\":0.0},\"antiEntropy\":{\"exchanges\":344,"
          + "\"keysRepaired\":3,\"lastExchange\":{\"0\":\"2026-11-25T22:51:02.114Z\"}},"
          + "\"tombstones\":{\"reaped\":10,\"rounds\":31,\"lastRoundSkipped\":null},"
          + "\"admission\":{\"backgroundShare\":1.0,\"foregroundP99Millis\":4.2,\"foregroundSamples\":812}}";

  @TempDir Path dir;

  // One stub for the class: stopping the JDK's HttpServer takes about a second.
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

  private Run run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--node";
    all[1] = node.url().toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return Run.of(all);
  }

  @Test
  void statusSummarizesTheNodeAndJsonPassesItsAnswerThrough() {
    node.json("GET", "/v1/status", 200, STATUS);
    Run text = run("status");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains("node-1: ring epoch 3 (settled)")
        .contains("256 owned, 2 fallback")
        .contains("1042 (1.1 MiB), 2 hinted")
        .contains("344 exchanges, 3 keys repaired");
    Run json = run("--json", "status");
    assertThat(json.out().strip()).isEqualTo(STATUS);
  }

  @Test
  void globalOptionsWorkAfterTheSubcommandToo() {
    node.json("GET", "/v1/status", 200, STATUS);
    Run r = Run.of("status", "--json", "--node", node.url().toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo(STATUS);
  }

  @Test
  void statusAllListsEveryNodeAndExitsThreeWhenOneDoesNotAnswer() throws IOException {
    node.json("GET", "/v1/status", 200, STATUS);
    String dead = "http://127.0.0.1:" + freePort();
    Run r = run("status", "--nodes", node.url() + "," + dead);
    assertThat(r.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(r.out()).contains("node-1  " + node.url()).contains("(no answer)");
    assertThat(r.err()).contains("cannot reach " + dead + ": connection refused");
  }

  @Test
  void anUnreachableNodeIsOneLineAndExitThree() throws IOException {
    String dead = "http://127.0.0.1:" + freePort();
    Run r = Run.of("--node", dead, "ring");
    assertThat(r.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(r.err().strip()).isEqualTo("dynakv: cannot reach " + dead + ": connection refused");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("get", "onlybucket").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("nosuchcommand").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(Run.of("--node", "ftp://x", "ring").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("put", "b", "k", "v", "--file", "f").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void helpListsTheExitCodes() {
    Run r = Run.of("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("3   a node could not be reached");
  }

  @Test
  void membersShowsTheTable() {
    node.json(
        "GET",
        "/v1/members",
        200,
        "{\"node\":\"node-1\",\"members\":[{\"node\":\"node-2\",\"address\":\"akka://dynakv@127.0.0.1:2552\","
            + "\"status\":\"Up\",\"reachable\":false,\"ringMember\":true}]}");
    Run r = run("members");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("node-2  akka://dynakv@127.0.0.1:2552  Up      NO         yes");
  }

  @Test
  void aRefusedAdminCallExitsOneWithTheNodesReason() {
    node.json(
        "POST",
        "/v1/cluster/leave/node-9",
        409,
        "{\"error\":\"refused\",\"accepted\":false,\"detail\":\"node-9 is not a member\"}");
    Run r = run("leave", "node-9");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err().strip()).isEqualTo("dynakv: refused: node-9 is not a member");
    Run json = run("--json", "leave", "node-9");
    assertThat(json.out()).contains("\"accepted\":false");
  }

  @Test
  void acceptedAdminCallsPrintTheDetail() {
    node.json("POST", "/v1/cluster/down/node-3", 202, "{\"accepted\":true,\"detail\":\"node-3 downed\"}");
    node.json("POST", "/v1/cluster/join", 202, "{\"accepted\":true,\"detail\":\"joining\"}");
    node.json("POST", "/v1/anti-entropy?partition=17", 202, "{\"started\":true,\"detail\":\"round started\"}");
    assertThat(run("down", "node-3").out().strip()).isEqualTo("accepted: node-3 downed");
    assertThat(run("join").out().strip()).isEqualTo("accepted: joining");
    Run repair = run("repair", "--partition", "17");
    assertThat(repair.exitCode()).isZero();
    assertThat(repair.out().strip()).isEqualTo("started: round started");
  }

  @Test
  void membersShowsANodeWaitingForAdmission() {
    node.json(
        "GET",
        "/v1/members",
        200,
        "{\"node\":\"node-1\",\"members\":[{\"node\":\"node-4\",\"address\":\"akka://dynakv@127.0.0.1:2554\","
            + "\"status\":\"Up\",\"reachable\":true,\"ringMember\":false,\"admitted\":false}]}");
    assertThat(run("members").out()).contains("node-4  akka://dynakv@127.0.0.1:2554  Up      yes        not admitted");
  }

  @Test
  void joinWithANodeIdAdmitsThatNode() {
    node.json("POST", "/v1/cluster/admit/node-4", 202, "{\"accepted\":true,\"detail\":\"node-4 is admitted\"}");
    node.json(
        "POST",
        "/v1/cluster/admit/node-9",
        409,
        "{\"error\":\"refused\",\"accepted\":false,\"detail\":\"node-9 is not connected to the cluster\"}");
    assertThat(run("join", "node-4").out().strip()).isEqualTo("accepted: node-4 is admitted");
    Run refused = run("join", "node-9");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(refused.err().strip()).isEqualTo("dynakv: refused: node-9 is not connected to the cluster");
  }

  @Test
  void getPrintsTheValueByteForByteAndSavesTheContext() throws IOException {
    node.on(
        "GET",
        "/v1/buckets/demo/keys/a%2Fb",
        new StubNode.Answer(200, "hello", Map.of("Content-Type", "text/plain", "X-Context", "CTX1")));
    Path ctx = dir.resolve("ctx");
    Run r = run("get", "demo", "a/b", "--context-out", ctx.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("hello");
    assertThat(Files.readString(ctx).strip()).isEqualTo("CTX1");
    Run json = run("--json", "get", "demo", "a/b");
    assertThat(json.out())
        .contains("\"found\":true")
        .contains("\"context\":\"CTX1\"")
        .contains("\"text\":\"hello\"");
  }

  @Test
  void getOfSiblingsListsThemWithTheContext() {
    node.on(
        "GET",
        "/v1/buckets/demo/keys/k",
        new StubNode.Answer(
            300,
            "{\"siblings\":[{\"value\":\"aGVsbG8=\",\"contentType\":\"text/plain\",\"lastModified\":\"T1\"},"
                + "{\"value\":\"Ym9uam91cg==\",\"contentType\":\"text/plain\",\"lastModified\":\"T2\"}]}",
            Map.of("Content-Type", "application/json", "X-Context", "CTX2")));
    Run r = run("get", "demo", "k");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("2 siblings").contains("hello").contains("bonjour").contains("context: CTX2");
  }

  @Test
  void getOfAMissingKeyExitsFour() {
    node.on(
        "GET",
        "/v1/buckets/demo/keys/gone",
        new StubNode.Answer(404, "{\"error\":\"not found\"}", Map.of("X-Context", "TOMB")));
    Run r = run("get", "demo", "gone");
    assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(r.err().strip()).isEqualTo("dynakv: not found: demo/gone");
    Run json = run("--json", "get", "demo", "gone");
    assertThat(json.out()).contains("\"found\":false").contains("\"context\":\"TOMB\"");
  }

  @Test
  void quorumNotMetExitsFive() {
    node.json(
        "GET",
        "/v1/buckets/demo/keys/k?r=3&timeout=1000",
        503,
        "{\"error\":\"quorum not met\",\"acks\":1,\"required\":3,\"detail\":\"2 replicas did not answer\"}");
    Run r = run("--timeout", "1s", "get", "demo", "k", "--r", "3");
    assertThat(r.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(r.err().strip())
        .isEqualTo("dynakv: quorum not met (1 of 3 acks): 2 replicas did not answer");
  }

  @Test
  void putSendsTheValueTypeAndContextAndPrintsTheNewContext() throws IOException {
    node.on("PUT", "/v1/buckets/demo/keys/k", new StubNode.Answer(204, "", Map.of("X-Context", "NEW")));
    Path ctx = dir.resolve("ctx");
    Files.writeString(ctx, "OLD\n");
    Run r = run("put", "demo", "k", "salut", "--context", "@" + ctx);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("stored, context NEW");
    StubNode.Request sent = node.last();
    assertThat(sent.text()).isEqualTo("salut");
    assertThat(sent.headers()).containsEntry("content-type", "text/plain").containsEntry("x-context", "OLD");
  }

  @Test
  void putReadsStdinWhenNoValueIsGiven() {
    node.on("PUT", "/v1/buckets/demo/keys/k", new StubNode.Answer(204, "", Map.of("X-Context", "NEW")));
    byte[] bytes = {0, 1, 2, (byte) 0xff};
    Run r =
        Run.withInput(bytes, false, "--node", node.url().toString(), "put", "demo", "k", "--content-type", "image/x");
    assertThat(r.exitCode()).isZero();
    assertThat(node.last().body()).isEqualTo(bytes);
    assertThat(node.last().headers()).containsEntry("content-type", "image/x");
  }

  @Test
  void aPutThatLeavesSiblingsSucceedsAndListsThem() {
    node.on(
        "PUT",
        "/v1/buckets/demo/keys/k",
        new StubNode.Answer(
            300,
            "{\"siblings\":[{\"value\":\"YQ==\",\"contentType\":\"text/plain\",\"lastModified\":\"T1\"},"
                + "{\"value\":\"Yg==\",\"contentType\":\"text/plain\",\"lastModified\":\"T2\"}]}",
            Map.of("Content-Type", "application/json", "X-Context", "BOTH")));
    Run r = run("put", "demo", "k", "b");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("stored, but the key has concurrent versions:").contains("context: BOTH");
  }

  @Test
  void deleteSendsTheContext() {
    node.on("DELETE", "/v1/buckets/demo/keys/k", new StubNode.Answer(204, "", Map.of("X-Context", "TOMB")));
    Run r = run("delete", "demo", "k", "--context", "CTX");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("deleted, context TOMB");
    assertThat(node.last().headers()).containsEntry("x-context", "CTX");
  }

  @Test
  void bucketPropsGetsAndSets() {
    node.json("GET", "/v1/buckets/b/props", 200, "{\"n\":3,\"r\":2,\"w\":2,\"allow-siblings\":true}");
    node.json("PUT", "/v1/buckets/b/props", 200, "{\"n\":3,\"r\":1,\"w\":2,\"allow-siblings\":false}");
    assertThat(run("bucket-props", "b").out()).isEqualTo(lines("n=3", "r=2", "w=2", "allow-siblings=true"));
    Run set = run("bucket-props", "b", "--set", "r=1", "--set", "allow-siblings=false");
    assertThat(set.exitCode()).isZero();
    assertThat(node.last().text()).isEqualTo("{\"r\":1,\"allow-siblings\":false}");
    assertThat(set.out()).contains("r=1");
  }

  @Test
  void badInputTheNodeRejectsExitsTwoNamingTheField() {
    node.json(
        "PUT",
        "/v1/buckets/b/props",
        400,
        "{\"error\":\"bad request\",\"field\":\"q\",\"detail\":\"unknown bucket property 'q'; known: n, r, w, allow-siblings\"}");
    Run r = run("bucket-props", "b", "--set", "q=1");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("bad request: unknown bucket property 'q'");
  }

  @Test
  void anUnknownEndpointIsNotFoundAndSaysWhich() {
    Run r = run("members");
    assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(r.err()).contains("GET /v1/members");
  }

  @Test
  void handoffPollsUntilTheRingSettledAndNothingIsPending() {
    AtomicInteger polls = new AtomicInteger();
    node.on(
        "GET",
        "/v1/ring",
        () ->
            StubNode.Answer.json(
                200,
                polls.incrementAndGet() < 3
                    ? "{\"epoch\":5,\"transition\":{\"movingPartitions\":64}}"
                    : "{\"epoch\":6,\"transition\":null}"));
    node.on(
        "GET",
        "/v1/handoff",
        () ->
            StubNode.Answer.json(
                200,
                polls.get() < 3
                    ? "{\"transition\":{\"epoch\":5,\"partitionsLeft\":" + (64 - (polls.get() - 1) * 10)
                        + "},\"objectsPerSecond\":100.0,\"objectsSent\":1,\"pending\":[{\"partition\":1,\"objects\":500}]}"
                    : "{\"transition\":null,\"objectsPerSecond\":0.0,\"objectsSent\":9,\"pending\":[]}"));
    Run r = run("handoff", "--interval", "50ms", "--timeout", "20s");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines())
        .hasSize(3)
        .satisfies(l -> assertThat(l.get(0)).contains("0/64 partition copies done").contains("ETA 0:05"))
        .satisfies(l -> assertThat(l.get(1)).contains("10/64 partition copies done"))
        .satisfies(l -> assertThat(l.get(2)).isEqualTo("epoch 6 settled: nothing left to hand off"));
  }

  @Test
  void handoffRedrawsOneLineOnATerminal() {
    node.json("GET", "/v1/ring", 200, "{\"epoch\":6,\"transition\":null}");
    node.json("GET", "/v1/handoff", 200, "{\"transition\":null,\"objectsPerSecond\":0.0,\"pending\":[]}");
    Run r = Run.withInput(new byte[0], true, "--node", node.url().toString(), "handoff");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("\repoch 6 settled: nothing left to hand off" + System.lineSeparator());
  }

  @Test
  void handoffGivesUpWithExitFiveAfterTheTimeout() {
    node.json("GET", "/v1/ring", 200, "{\"epoch\":5,\"transition\":{\"movingPartitions\":64}}");
    node.json(
        "GET", "/v1/handoff", 200, "{\"transition\":{\"epoch\":5,\"partitionsLeft\":3},\"objectsPerSecond\":0.0,\"pending\":[]}");
    Run r = run("handoff", "--interval", "100ms", "--timeout", "500ms");
    assertThat(r.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(r.err()).contains("handoff not done after 500ms");
  }

  @Test
  void handoffOncePrintsOneJsonSnapshot() {
    node.json("GET", "/v1/ring", 200, "{\"epoch\":5,\"transition\":{\"movingPartitions\":64}}");
    node.json(
        "GET", "/v1/handoff", 200, "{\"transition\":{\"epoch\":5,\"partitionsLeft\":3},\"objectsPerSecond\":2.0,\"pending\":[]}");
    Run r = run("--json", "handoff", "--once");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.out()).contains("\"copiesLeft\":3").contains("\"done\":false");
  }

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
