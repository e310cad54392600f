package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.core.BucketProps;
import io.dynakv.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PropsUpdateTest {

  private static final BucketProps CURRENT = new BucketProps(3, 2, 2, true);

  @Test
  void propertiesLeftOutKeepTheirCurrentValues() {
    assertThat(parse("{\"w\":3}").applyTo(CURRENT)).isEqualTo(new BucketProps(3, 2, 3, true));
    assertThat(parse("{}").applyTo(CURRENT)).isEqualTo(CURRENT);
    assertThat(parse("{\"n\":5,\"r\":1,\"w\":4,\"allow-siblings\":false}").applyTo(CURRENT))
        .isEqualTo(new BucketProps(5, 1, 4, false));
  }

  @Test
  void theMergedResultIsValidatedAsAWhole() {
    assertThatThrownBy(() -> parse("{\"n\":1}").applyTo(CURRENT))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("r"));
  }

  @Test
  void badBodiesNameTheFieldAtFault() {
    assertField("nope", "body");
    assertField("\"n\"", "body");
    assertField("null", "body");
    assertField("{\"n\":2}x", "body");
    assertField("{\"size\":2}", "size");
    assertField("{\"n\":2.5}", "n");
    assertField("{\"r\":\"2\"}", "r");
    assertField("{\"w\":null}", "w");
    assertField("{\"n\":99999999999}", "n");
    assertField("{\"allow-siblings\":1}", "allow-siblings");
  }

  private static PropsUpdate parse(String json) {
    return PropsUpdate.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertField(String body, String field) {
    assertThatThrownBy(() -> parse(body))
        .as(body)
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
