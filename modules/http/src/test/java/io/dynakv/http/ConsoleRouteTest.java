package io.dynakv.http;

import static io.dynakv.http.RunningNode.json;
import static io.dynakv.http.RunningNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web console's static assets, as a node serves them next to the /v1 API. */
class ConsoleRouteTest {

  @TempDir static Path dataDir;

  static RunningNode node;

  @BeforeAll
  static void start() throws Exception {
    node = RunningNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void consoleWithoutSlashRedirectsToTheDirectory() {
    HttpResponse<byte[]> answer = node.get("/console");
    assertThat(answer.statusCode()).isEqualTo(301);
    assertThat(answer.headers().firstValue("Location")).hasValue("console/");
  }

  @Test
  void consoleServesItsPageAsHtmlToBeRevalidated() {
    HttpResponse<byte[]> page = node.get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(text(page)).contains("<title>dynakv console</title>", "id=\"ring\"", "console.js");
    assertThat(text(node.get("/console/index.html"))).isEqualTo(text(page));
  }

  @Test
  void assetsComeWithTheirContentTypes() {
    Map<String, String> types =
        Map.of(
            "/console/console.js", "application/javascript",
            "/console/prometheus.js", "application/javascript",
            "/console/console.css", "text/css");
    types.forEach(
        (path, type) -> {
          HttpResponse<byte[]> asset = node.get(path);
          assertThat(asset.statusCode()).as(path).isEqualTo(200);
          assertThat(asset.headers().firstValue("Content-Type"))
              .as(path)
              .hasValueSatisfying(t -> assertThat(t).startsWith(type));
          assertThat(asset.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
          assertThat(asset.body()).as(path).isNotEmpty();
        });
  }

  @Test
  void anUnchangedAssetIsNotSentAgain() {
    HttpResponse<byte[]> first = node.get("/console/console.js");
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
    HttpResponse<byte[]> again =
        node.send("GET", "/console/console.js", null, Map.of("If-Modified-Since", lastModified));
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void aMissingAssetIsAJson404() {
    HttpResponse<byte[]> missing = node.get("/console/nothing-here.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).has("error")).isTrue();
  }

  @Test
  void pathsCannotLeaveTheConsoleDirectory() throws Exception {
    for (String target :
        new String[] {
          "/console/../logback-test.xml", "/console/%2e%2e/logback-test.xml",
          "/console/..%2Flogback-test.xml", "/console//logback-test.xml"
        }) {
      RunningNode.RawAnswer answer = node.raw("GET", target);
      assertThat(answer.status()).as(target).isIn(400, 404);
      assertThat(answer.body()).as(target).doesNotContain("<configuration");
    }
  }

  @Test
  void theApiStillAnswersBesideTheConsole() {
    assertThat(json(node.get("/v1/health")).path("status").asText()).isEqualTo("ok");
  }
}
