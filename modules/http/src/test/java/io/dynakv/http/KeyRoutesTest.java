package io.dynakv.http;

import static io.dynakv.http.RunningNode.context;
import static io.dynakv.http.RunningNode.json;
import static io.dynakv.http.RunningNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRoutesTest {

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
  void putThenGetReturnsTheValueWithItsContentTypeAndContext() {
    HttpResponse<byte[]> put =
        node.send(
            "PUT",
            "/v1/buckets/fruit/keys/apple",
            bytes("crisp"),
            Map.of("Content-Type", "text/plain; charset=UTF-8"));
    assertThat(put.statusCode()).as(text(put)).isEqualTo(204);
    assertThat(context(put)).isNotBlank();

    HttpResponse<byte[]> get = node.get("/v1/buckets/fruit/keys/apple");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(text(get)).isEqualTo("crisp");
    assertThat(get.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
    assertThat(context(get)).isEqualTo(context(put));
  }

  @Test
  void aValueWithoutContentTypeIsStoredAsOctetStream() {
    byte[] value = {0, 1, 2, (byte) 0xff};
    HttpResponse<byte[]> put = node.send("PUT", "/v1/buckets/raw/keys/k1", value, Map.of());
    assertThat(put.statusCode()).as(text(put)).isEqualTo(204);

    HttpResponse<byte[]> get = node.get("/v1/buckets/raw/keys/k1");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(value);
    assertThat(get.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
  }

  @Test
  void keysAreDecodedUtf8PathSegments() {
    String path = "/v1/buckets/b/keys/" + percentEncode("clé/with slash");
    assertThat(node.send("PUT", path, bytes("v"), Map.of()).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> get = node.get(path);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(text(get)).isEqualTo("v");
  }

  @Test
  void missingKeyIs404WithoutContext() {
    HttpResponse<byte[]> get = node.get("/v1/buckets/fruit/keys/never-written");
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(json(get).path("error").asText()).isEqualTo("not found");
    assertThat(context(get)).isNull();
  }

  @Test
  void twoBlindPutsBecomeSiblingsAndAPutWithTheirContextResolvesThem() {
    String path = "/v1/buckets/fruit/keys/pear";
    Map<String, String> text = Map.of("Content-Type", "text/plain");
    assertThat(node.send("PUT", path, bytes("first"), text).statusCode()).isEqualTo(204);
    // The second blind write leaves a sibling its writer never saw: it is shown, not hidden.
    assertThat(node.send("PUT", path, bytes("second"), text).statusCode()).isEqualTo(300);

    HttpResponse<byte[]> siblings = node.get(path);
    assertThat(siblings.statusCode()).as(text(siblings)).isEqualTo(300);
    assertThat(context(siblings)).isNotBlank();
    JsonNode list = json(siblings).path("siblings");
    assertThat(list).hasSize(2);
    List<String> values = new ArrayList<>();
    for (JsonNode sibling : list) {
      values.add(new String(Base64.getDecoder().decode(sibling.path("value").asText()), StandardCharsets.UTF_8));
      assertThat(sibling.path("contentType").asText()).isEqualTo("text/plain");
      assertThat(Instant.parse(sibling.path("lastModified").asText()))
          .isBefore(Instant.now().plusSeconds(60));
    }
    assertThat(values).containsExactlyInAnyOrder("first", "second");

    HttpResponse<byte[]> resolve =
        node.send(
            "PUT",
            path,
            bytes("merged"),
            Map.of("Content-Type", "text/plain", "X-Context", context(siblings)));
    assertThat(resolve.statusCode()).as(text(resolve)).isEqualTo(204);

    HttpResponse<byte[]> single = node.get(path);
    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(text(single)).isEqualTo("merged");
  }

  @Test
  void deleteWithContextLeavesATombstoneWhoseContextSupersedesIt() {
    String path = "/v1/buckets/fruit/keys/plum";
    HttpResponse<byte[]> put = node.send("PUT", path, bytes("ripe"), Map.of());
    assertThat(put.statusCode()).isEqualTo(204);

    HttpResponse<byte[]> delete =
        node.send("DELETE", path, null, Map.of("X-Context", context(put)));
    assertThat(delete.statusCode()).as(text(delete)).isEqualTo(204);
    assertThat(context(delete)).isNotBlank();

    HttpResponse<byte[]> gone = node.get(path);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).path("error").asText()).isEqualTo("not found");
    assertThat(context(gone)).isNotBlank();

    HttpResponse<byte[]> again =
        node.send("PUT", path, bytes("again"), Map.of("X-Context", context(gone)));
    assertThat(again.statusCode()).as(text(again)).isEqualTo(204);

    HttpResponse<byte[]> get = node.get(path);
    assertThat(get.statusCode()).as(text(get)).isEqualTo(200);
    assertThat(text(get)).isEqualTo("again");
  }

  @Test
  void aBlindDeleteConcurrentWithAValueShowsAsADeletedSibling() {
    String path = "/v1/buckets/fruit/keys/fig";
    assertThat(node.send("PUT", path, bytes("sweet"), Map.of()).statusCode()).isEqualTo(204);
    // The blind delete did not see "sweet": its answer shows it (300), as the read below does.
    assertThat(node.send("DELETE", path, null, Map.of()).statusCode()).isEqualTo(300);

    HttpResponse<byte[]> get = node.get(path);
    assertThat(get.statusCode()).as(text(get)).isEqualTo(300);
    JsonNode list = json(get).path("siblings");
    assertThat(list).hasSize(2);
    assertThat(list.findValues("deleted")).hasSize(1);
    for (JsonNode sibling : list) {
      if (sibling.path("deleted").asBoolean()) {
        assertThat(sibling.has("value")).isFalse();
        assertThat(sibling.path("lastModified").asText()).isNotBlank();
      }
    }
  }

  /**
   * X reads v0; Y writes v1 with that context; X writes v2 with the same context. X's write
   * must not hand back a context covering Y's v1 unless it shows v1: it answers 300 with both
   * siblings, and a third write with that context resolves exactly what X was shown.
   */
  @Test
  void aWriteThatLeavesSiblingsShowsThemInsteadOfHidingThemBehindItsContext() {
    String path = "/v1/buckets/fruit/keys/quince";
    Map<String, String> text = Map.of("Content-Type", "text/plain");
    assertThat(node.send("PUT", path, bytes("v0"), text).statusCode()).isEqualTo(204);
    String c0 = context(node.get(path));

    HttpResponse<byte[]> y = node.send("PUT", path, bytes("v1"), withContext(c0));
    assertThat(y.statusCode()).as(text(y)).isEqualTo(204);

    HttpResponse<byte[]> x = node.send("PUT", path, bytes("v2"), withContext(c0));
    assertThat(x.statusCode()).as(text(x)).isEqualTo(300);
    assertThat(siblingTexts(x)).containsExactlyInAnyOrder("v1", "v2");
    assertThat(context(x)).isEqualTo(context(node.get(path)));

    // A client that followed the 300 resolves both; v1 was shown to it, nothing is lost unseen.
    HttpResponse<byte[]> resolved = node.send("PUT", path, bytes("v3"), withContext(context(x)));
    assertThat(resolved.statusCode()).as(text(resolved)).isEqualTo(204);
    assertThat(text(node.get(path))).isEqualTo("v3");
  }

  @Test
  void aDeleteThatLeavesALiveSiblingShowsIt() {
    String path = "/v1/buckets/fruit/keys/medlar";
    Map<String, String> text = Map.of("Content-Type", "text/plain");
    assertThat(node.send("PUT", path, bytes("v0"), text).statusCode()).isEqualTo(204);
    String c0 = context(node.get(path));
    assertThat(node.send("PUT", path, bytes("v1"), withContext(c0)).statusCode()).isEqualTo(204);

    HttpResponse<byte[]> delete = node.send("DELETE", path, null, withContext(c0));
    assertThat(delete.statusCode()).as(text(delete)).isEqualTo(300);
    JsonNode list = json(delete).path("siblings");
    assertThat(list).hasSize(2);
    assertThat(siblingTexts(delete)).containsExactly("v1");

    // Deleting what was shown leaves only tombstones: a plain 204, and the key reads as 404.
    HttpResponse<byte[]> again = node.send("DELETE", path, null, withContext(context(delete)));
    assertThat(again.statusCode()).as(text(again)).isEqualTo(204);
    assertThat(node.get(path).statusCode()).isEqualTo(404);
  }

  private static Map<String, String> withContext(String context) {
    return Map.of("Content-Type", "text/plain", "X-Context", context);
  }

  private static List<String> siblingTexts(HttpResponse<byte[]> answer) {
    List<String> values = new ArrayList<>();
    for (JsonNode sibling : json(answer).path("siblings")) {
      if (!sibling.path("deleted").asBoolean(false)) {
        values.add(new String(Base64.getDecoder().decode(sibling.path("value").asText()), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Test
  void quorumAndTimeoutWithinRangeAreAccepted() {
    String path = "/v1/buckets/fruit/keys/kiwi";
    assertThat(node.send("PUT", path + "?w=1&timeout=2000", bytes("k"), Map.of()).statusCode())
        .isEqualTo(204);
    assertThat(node.get(path + "?r=1&timeout=2000").statusCode()).isEqualTo(200);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Percent-encodes every byte outside the unreserved set, '/' included. */
  static String percentEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
