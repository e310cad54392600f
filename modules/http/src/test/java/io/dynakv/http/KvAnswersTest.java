package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;

import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.api.KvResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class KvAnswersTest {

  private static final Key KEY = new Key("b", "k");
  private static final long T0 = 1_700_000_000_123L;

  @Test
  void oneValueIsItsOwnBytesWithItsTypeAndContext() throws Exception {
    DvvSet object = DvvSet.empty().update(VersionVector.empty(), value("hi", "text/csv"), "n1");
    HttpResponse response = KvAnswers.read(new KvResponse.Found(KEY, object));
    assertThat(response.status().intValue()).isEqualTo(200);
    assertThat(response.entity().getContentType().toString()).isEqualTo("text/csv");
    assertThat(bytes(response)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(response.getHeader("X-Context").orElseThrow().value())
        .isEqualTo(object.context().encode());
  }

  @Test
  void anUnparseableStoredTypeIsServedAsOctetStream() {
    DvvSet object = DvvSet.empty().update(VersionVector.empty(), value("x", "not a type"), "n1");
    HttpResponse response = KvAnswers.read(new KvResponse.Found(KEY, object));
    assertThat(response.entity().getContentType().toString()).isEqualTo("application/octet-stream");
  }

  @Test
  void concurrentVersionsAre300WithEverySibling() throws Exception {
    DvvSet object =
        DvvSet.empty()
            .update(VersionVector.empty(), value("a", "text/plain"), "n1")
            .update(VersionVector.empty(), Value.tombstone(T0), "n1");
    HttpResponse response = KvAnswers.read(new KvResponse.Found(KEY, object));
    assertThat(response.status().intValue()).isEqualTo(300);
    JsonNode siblings = json(response).path("siblings");
    assertThat(siblings).hasSize(2);
    assertThat(siblings.findValues("value")).hasSize(1);
    assertThat(siblings.findValues("deleted")).hasSize(1);
    assertThat(siblings.get(0).path("lastModified").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
  }

  @Test
  void notFoundCarriesAContextOnlyWhenATombstoneExists() {
    HttpResponse none = KvAnswers.read(new KvResponse.NotFound(KEY, VersionVector.empty()));
    assertThat(none.status().intValue()).isEqualTo(404);
    assertThat(none.getHeader("X-Context")).isEmpty();

    VersionVector seen = VersionVector.empty().with("n1", 2);
    HttpResponse tombstone = KvAnswers.read(new KvResponse.NotFound(KEY, seen));
    assertThat(tombstone.getHeader("X-Context").orElseThrow().value()).isEqualTo(seen.encode());
  }

  @Test
  void failuresMapToTheirStatus() throws Exception {
    HttpResponse unavailable =
        KvAnswers.write(new KvResponse.Unavailable("quorum not met", 1, 2, "one of two"));
    assertThat(unavailable.status().intValue()).isEqualTo(503);
    JsonNode body = json(unavailable);
    assertThat(body.path("error").asText()).isEqualTo("quorum not met");
    assertThat(body.path("acks").asInt()).isEqualTo(1);
    assertThat(body.path("required").asInt()).isEqualTo(2);

    HttpResponse tooLarge = KvAnswers.write(new KvResponse.Rejected("value", "big", true));
    assertThat(tooLarge.status().intValue()).isEqualTo(413);
    assertThat(json(tooLarge).path("error").asText()).isEqualTo("too large");

    HttpResponse timeout =
        ErrorResponses.fromFailure(
            new CompletionException(new TimeoutException("ask")), NOPLogger.NOP_LOGGER);
    assertThat(timeout.status().intValue()).isEqualTo(504);
    assertThat(json(timeout).path("error").asText()).isEqualTo("timeout");

    HttpResponse bug =
        ErrorResponses.fromFailure(new NullPointerException("oops"), NOPLogger.NOP_LOGGER);
    assertThat(bug.status().intValue()).isEqualTo(500);
    assertThat(json(bug).path("error").asText()).isEqualTo("internal");
    assertThat(json(bug).has("detail")).isFalse();
  }

  private static Value value(String text, String contentType) {
    return Value.of(text.getBytes(StandardCharsets.UTF_8), contentType, T0);
  }

  private static byte[] bytes(HttpResponse response) {
    return ((HttpEntity.Strict) response.entity()).getData().toArray();
  }

  private static JsonNode json(HttpResponse response) throws Exception {
    return new ObjectMapper().readTree(bytes(response));
  }
}
