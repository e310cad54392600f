package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SetValuesTest {

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSetIsASortedJsonArrayOfStrings() {
    assertThat(SetValues.encode(List.of("p2-1", "p1-7", "p1-7"))).isEqualTo("[\"p1-7\",\"p2-1\"]");
    assertThat(SetValues.encode(List.of())).isEqualTo("[]");
  }

  @Property(tries = 200)
  void encodingRoundTrips(@ForAll Set<String> elements) {
    assertThat(SetValues.decode(SetValues.encode(elements))).isEqualTo(elements);
  }

  @Test
  void onlyAJsonArrayOfStringsDecodes() {
    assertThatThrownBy(() -> SetValues.decode("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.decode("hello"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.decode("{\"a\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.decode("[1,2]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a200IsOneSibling() {
    assertThat(SetValues.siblings(200, "[\"a\",\"b\"]")).containsExactly(Set.of("a", "b"));
  }

  @Test
  void a404IsNoSibling() {
    assertThat(SetValues.siblings(404, "{\"error\":\"not found\"}")).isEmpty();
  }

  @Test
  void a300IsEveryLiveSiblingOfTheJsonBody() {
    // The shape KvAnswers/JsonViews answer with (README, DESIGN section 8).
    String body =
        "{\"siblings\":["
            + "{\"value\":\""
            + base64("[\"a\",\"b\"]")
            + "\",\"contentType\":\"application/json\","
            + "\"lastModified\":\"2026-11-25T22:49:12.037Z\"},"
            + "{\"deleted\":true,\"lastModified\":\"2026-11-25T22:49:13.000Z\"},"
            + "{\"value\":\""
            + base64("[\"c\"]")
            + "\",\"contentType\":\"application/json\","
            + "\"lastModified\":\"2026-11-25T22:49:12.127Z\"}]}";

    List<Set<String>> siblings = SetValues.siblings(300, body);

    assertThat(siblings).containsExactly(Set.of("a", "b"), Set.of("c"));
    assertThat(SetValues.merge(siblings)).containsExactly("a", "b", "c");
  }

  @Test
  void aBrokenAnswerIsRejected() {
    assertThatThrownBy(() -> SetValues.siblings(503, "{\"error\":\"quorum not met\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.siblings(300, "not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.siblings(300, "{\"siblings\":[{\"contentType\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SetValues.siblings(300, "{\"siblings\":[{\"value\":\"" + base64("oops") + "\"}]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.siblings(200, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mergeIsTheUnion() {
    assertThat(SetValues.merge(List.of(Set.of("a"), Set.of("a", "b"), Set.of())))
        .containsExactly("a", "b");
    assertThat(SetValues.merge(List.of())).isEmpty();
  }
}
