package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HttpKvClientTest {

  private static final URI NODE = URI.create("http://127.0.0.1:8081");

  @Test
  void quorumAndTimeoutGoInTheQueryOnlyWhenGiven() {
    HttpKvClient plain = client(OptionalInt.empty());
    HttpKvClient withTimeout = client(OptionalInt.of(250));

    assertThat(plain.keyUri(NODE, "bench", "key7", "r", OptionalInt.empty()))
        .hasToString("http://127.0.0.1:8081/v1/buckets/bench/keys/key7");
    assertThat(plain.keyUri(NODE, "bench", "key7", "w", OptionalInt.of(2)))
        .hasToString("http://127.0.0.1:8081/v1/buckets/bench/keys/key7?w=2");
    assertThat(withTimeout.keyUri(NODE, "bench", "key7", "r", OptionalInt.of(1)))
        .hasToString("http://127.0.0.1:8081/v1/buckets/bench/keys/key7?r=1&timeout=250");
  }

  @Test
  void bucketAndKeyArePercentEncodedAsPathSegments() {
    assertThat(HttpKvClient.pathSegment("a b/c?é")).isEqualTo("a%20b%2Fc%3F%C3%A9");
    assertThat(HttpKvClient.pathSegment("key-1_2.3~")).isEqualTo("key-1_2.3~");
  }

  private static HttpKvClient client(OptionalInt serverTimeout) {
    return HttpKvClient.create(
        new ClientSettings(
            List.of(NODE),
            TargetSpread.ROUND_ROBIN,
            OptionalInt.empty(),
            OptionalInt.empty(),
            serverTimeout,
            Duration.ofSeconds(1)));
  }
}
