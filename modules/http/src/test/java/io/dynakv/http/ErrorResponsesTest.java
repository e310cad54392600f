package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void anUnmatchedBucketPathBlamesTheBucketOrTheKey() throws Exception {
    assertError("a/b/keys/k", 400, "bucket");
    assertError("a/b/c/keys/k", 400, "bucket");
    assertError("a/b/props", 400, "bucket");
    assertError("/keys/k", 400, "bucket");
    assertError("b/keys/x/y", 400, "key");
    assertError("b/keys/", 400, "key");
    assertError("b", 404, null);
    assertError("b/other", 404, null);
  }

  @Test
  void plainTextErrorsAreRewrittenAsJson() throws Exception {
    HttpResponse text =
        HttpResponse.create()
            .withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE)
            .withEntity(ContentTypes.TEXT_PLAIN_UTF8, "we only speak JSON");
    JsonNode body = body(ErrorResponses.asJson(text));
    assertThat(body.path("error").asText()).isEqualTo("unsupported media type");
    assertThat(body.path("detail").asText()).isEqualTo("we only speak JSON");

    HttpResponse json = ErrorResponses.badRequest("r", "too small");
    assertThat(ErrorResponses.asJson(json)).isSameAs(json);
  }

  private static void assertError(String path, int status, String field) throws Exception {
    HttpResponse response = ErrorResponses.unmatchedBucketPath(Arrays.asList(path.split("/", -1)));
    assertThat(response.status().intValue()).as(path).isEqualTo(status);
    if (field != null) {
      assertThat(body(response).path("field").asText()).as(path).isEqualTo(field);
    }
  }

  private static JsonNode body(HttpResponse response) throws Exception {
    return new ObjectMapper().readTree(((HttpEntity.Strict) response.entity()).getData().toArray());
  }
}
