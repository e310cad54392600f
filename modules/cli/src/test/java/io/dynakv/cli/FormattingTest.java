package io.dynakv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FormattingTest {

  private static JsonNode json(String text) {
    return Json.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tablePadsColumnsToTheWidestCell() {
    Table t = new Table("NODE", "PARTITIONS").row("node-1", 86).row("node-10", 5);
    assertThat(t.lines()).containsExactly("NODE     PARTITIONS", "node-1   86", "node-10  5");
  }

  @Test
  void sizesAndClocksReadLikePeopleWriteThem() {
    assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
    assertThat(Sizes.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Sizes.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    assertThat(Sizes.clock(7)).isEqualTo("0:07");
    assertThat(Sizes.clock(754)).isEqualTo("12:34");
    assertThat(Sizes.clock(3723)).isEqualTo("1:02:03");
    assertThat(Sizes.rate(0.46)).isEqualTo("0.5");
    assertThat(Sizes.rate(812.4)).isEqualTo("812");
  }

  @Test
  void siblingsListTextValuesTombstonesBinaryAndTheContext() {
    ArrayNode siblings =
        Siblings.of(
            json(
                "{\"siblings\":["
                    + "{\"value\":\"aGVsbG8=\",\"contentType\":\"text/plain\",\"lastModified\":\"T1\"},"
                    + "{\"deleted\":true,\"lastModified\":\"T2\"},"
                    + "{\"value\":\"AAH/\",\"contentType\":\"application/octet-stream\",\"lastModified\":\"T3\"}]}"));
    assertThat(siblings.get(0).get("text").asText()).isEqualTo("hello");
    assertThat(siblings.get(2).has("text")).isFalse();
    assertThat(Siblings.describe(siblings, "CTX"))
        .containsExactly(
            "3 siblings (concurrent versions); write with the context below to resolve them:",
            "[1] text/plain, T1",
            "hello",
            "[2] deleted, T2",
            "[3] application/octet-stream, T3",
            "(3 bytes, base64) AAH/",
            "context: CTX");
  }

  @Test
  void textualContentTypesAreRecognised() {
    assertThat(Siblings.isTextual("text/plain")).isTrue();
    assertThat(Siblings.isTextual("application/json")).isTrue();
    assertThat(Siblings.isTextual("application/vnd.api+json")).isTrue();
    assertThat(Siblings.isTextual("application/octet-stream; charset=UTF-8")).isTrue();
    assertThat(Siblings.isTextual("image/png")).isFalse();
    assertThat(Siblings.isTextual(null)).isFalse();
    // Declared text but not UTF-8: shown as base64.
    assertThat(Siblings.textOf("text/plain", new byte[] {(byte) 0xff, (byte) 0xfe})).isNull();
  }

  @Test
  void ringShowsOwnershipNowAndNextDuringATransition() {
    JsonNode ring =
        json(
            "{\"epoch\":4,\"partitions\":4,\"members\":[\"a\",\"b\"],\"owners\":[\"a\",\"b\",\"a\",\"b\"],"
                + "\"transition\":{\"members\":[\"a\",\"b\",\"c\"],\"owners\":[\"a\",\"b\",\"c\",\"c\"],\"movingPartitions\":2}}");
    assertThat(RingCommand.describe(ring))
        .containsExactly(
            "epoch 4, 4 partitions, in transition: 2 partitions change owner",
            "MEMBER  NOW  NEXT",
            "a       2    1",
            "b       2    1",
            "c       -    2");
  }

  @Test
  void membersTableFlagsUnreachableNodes() {
    JsonNode members =
        json(
            "{\"node\":\"node-1\",\"members\":["
                + "{\"node\":\"node-1\",\"address\":\"akka://dynakv@127.0.0.1:2551\",\"status\":\"Up\",\"reachable\":true,\"ringMember\":true},"
                + "{\"node\":\"node-3\",\"address\":null,\"status\":\"Absent\",\"reachable\":false,\"ringMember\":true}]}");
    assertThat(MembersCommand.describe(members))
        .containsExactly(
            "as seen by node-1",
            "NODE    ADDRESS                       STATUS  REACHABLE  RING",
            "node-1  akka://dynakv@127.0.0.1:2551  Up      yes        yes",
            "node-3  -                             Absent  NO         yes");
  }

  @Test
  void bucketPropsSetsTypedValues() {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("n", "3");
    set.put("allow-siblings", "false");
    set.put("x", "abc");
    assertThat(Json.compact(BucketPropsCommand.update(set)))
        .isEqualTo("{\"n\":3,\"allow-siblings\":false,\"x\":\"abc\"}");
  }

  @Test
  void nodeUrlsAreBaseUrls() {
    assertThat(NodeUrlConverter.parse("127.0.0.1:8081").toString()).isEqualTo("http://127.0.0.1:8081");
    assertThat(NodeUrlConverter.parse("http://h:1/").toString()).isEqualTo("http://h:1");
    assertThatThrownBy(() -> NodeUrlConverter.parse("http://h:1/v1/status"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
    assertThatThrownBy(() -> NodeUrlConverter.parse("ftp://h"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void durationsTakeCommonUnits() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    assertThatThrownBy(() -> c.convert("0s")).isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void keysAndBucketsArePercentEncodedPathSegments() {
    assertThat(PathSegment.keyPath("my bucket", "a/b?c")).isEqualTo("/v1/buckets/my%20bucket/keys/a%2Fb%3Fc");
  }
}
