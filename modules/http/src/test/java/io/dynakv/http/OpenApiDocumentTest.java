package io.dynakv.http;

import static io.dynakv.http.RunningNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml against a running node, both ways: every documented path and method is
 * served (neither the 404 of an unknown path nor a 405), every other method on a documented
 * path is a 405, and every path segment the route code names (the literals of {@code path},
 * {@code pathPrefix} and {@code segment} in the route classes) appears in a documented path —
 * so a new route fails here until it is documented.
 */
class OpenApiDocumentTest {

  private static final Path DOCUMENT = Path.of("../../docs/openapi.yaml");
  private static final List<String> ROUTE_SOURCES =
      List.of("HttpApi.java", "MetricsRoute.java", "ConsoleRoute.java");
  private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
  private static final Map<String, String> SAMPLES =
      Map.of("{bucket}", "openapi", "{key}", "k", "{node}", "node-nowhere");
  private static final Pattern ROUTE_LITERAL =
      Pattern.compile("\\b(?:path|pathPrefix|segment|slash)\\(\\s*\"([^\"]+)\"");

  @TempDir static Path dataDir;
  static RunningNode node;
  static JsonNode paths;

  @BeforeAll
  static void start() throws Exception {
    paths = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile()).get("paths");
    node = RunningNode.start(dataDir);
    // The documented key exists, so its GET and DELETE answer 200 and 204, never a 404.
    assertThat(node.send("PUT", "/v1/buckets/openapi/keys/k", bytes("v"), Map.of()).statusCode()).isEqualTo(204);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theDocumentIsOpenApi3WithBearerAuth() throws IOException {
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    assertThat(doc.path("openapi").asText()).startsWith("3.0");
    assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    assertThat(documented()).isNotEmpty();
  }

  @Test
  void everyDocumentedOperationIsServed() {
    Map<String, Integer> answers = new LinkedHashMap<>();
    documented().forEach(
        (path, methods) -> {
          for (String method : methods) {
            HttpResponse<byte[]> answer = send(method, path);
            answers.put(method + " " + path, answer.statusCode());
            assertThat(answer.statusCode())
                .as("%s %s answered %s", method, path, text(answer))
                .isNotIn(404, 405)
                .isLessThan(500);
            String declared = method.toLowerCase() + " " + answer.statusCode();
            assertThat(paths.get(path).get(method.toLowerCase()).get("responses").has(Integer.toString(answer.statusCode())))
                .as("%s %s: status %s is documented", method, path, declared)
                .isTrue();
          }
        });
    System.out.println("documented operations answered: " + answers);
  }

  @Test
  void everyOtherMethodOnADocumentedPathIs405() {
    documented().forEach(
        (path, methods) -> {
          for (String method : METHODS) {
            if (!methods.contains(method)) {
              HttpResponse<byte[]> answer = send(method, path);
              assertThat(answer.statusCode()).as("%s %s: %s", method, path, text(answer)).isEqualTo(405);
            }
          }
        });
  }

  @Test
  void everyPathSegmentTheRoutesNameIsDocumented() throws IOException {
    Set<String> documentedSegments = new TreeSet<>();
    documented().keySet().forEach(p -> documentedSegments.addAll(List.of(p.split("/"))));
    Set<String> routeSegments = new TreeSet<>();
    for (String source : ROUTE_SOURCES) {
      String code = Files.readString(Path.of("src/main/java/io/dynakv/http").resolve(source));
      Matcher m = ROUTE_LITERAL.matcher(code);
      while (m.find()) {
        routeSegments.add(m.group(1));
      }
    }
    assertThat(routeSegments).contains("v1", "buckets", "keys", "ring", "metrics", "console");
    assertThat(documentedSegments).as("segments of documented paths").containsAll(routeSegments);
  }

  /** Documented paths and their methods, upper case. */
  private static Map<String, List<String>> documented() {
    Map<String, List<String>> operations = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      List<String> methods = new ArrayList<>();
      for (String method : METHODS) {
        if (path.getValue().has(method.toLowerCase())) {
          methods.add(method);
        }
      }
      operations.put(path.getKey(), methods);
    }
    return operations;
  }

  private static HttpResponse<byte[]> send(String method, String template) {
    String path = template;
    for (Map.Entry<String, String> sample : SAMPLES.entrySet()) {
      path = path.replace(sample.getKey(), sample.getValue());
    }
    byte[] body = null;
    Map<String, String> headers = Map.of();
    if (method.equals("PUT") || method.equals("PATCH") || method.equals("POST")) {
      body = path.endsWith("/props") ? bytes("{\"allow-siblings\":true}") : bytes("v");
      headers = Map.of("Content-Type", path.endsWith("/props") ? "application/json" : "text/plain");
    }
    return node.send(method, path, body, headers);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
