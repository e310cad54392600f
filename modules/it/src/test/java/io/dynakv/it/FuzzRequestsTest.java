package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/**
 * The fuzz generators themselves: reproducible, and they produce what they claim to. jqwik
 * examples, not JUnit tests: jqwik generators only run inside jqwik's lifecycle.
 */
class FuzzRequestsTest {

  @Example
  void requestIOfASeedIsTheSameWhateverCameBefore() {
    RandomGenerator<FuzzRequest> used = FuzzRequests.generator();
    for (int i = 0; i < 50; i++) {
      FuzzRequests.generate(used, 7, i);
    }
    FuzzRequest again = FuzzRequests.generate(used, 7, 42);
    FuzzRequest fresh = FuzzRequests.generate(FuzzRequests.generator(), 7, 42);
    assertThat(again.describe()).isEqualTo(fresh.describe());

    RawRequests.RawRequest raw = RawRequests.generate(RawRequests.generator(), 7, 42);
    RawRequests.RawRequest rawAgain = RawRequests.generate(RawRequests.generator(), 7, 42);
    assertThat(raw.bytes()).isEqualTo(rawAgain.bytes());
  }

  @Example
  void theGeneratorsCoverWhatTheyClaim() {
    List<FuzzRequest> requests = FuzzRequests.first(1, 3000);

    assertThat(requests).anyMatch(r -> r.method().equals("PUT") && r.target().contains("/props"));
    assertThat(requests).anyMatch(FuzzRequest::customMethod);
    assertThat(requests).anyMatch(FuzzRequest::shortTimeout);
    assertThat(requests).anyMatch(r -> r.body() != null && r.body().length > 1024 * 1024);
    assertThat(requests).anyMatch(r -> r.headers().size() > 64);
    assertThat(requests).anyMatch(r -> r.target().contains("%2F"));
    assertThat(requests).anyMatch(r -> r.target().length() > 16 * 1024);
    assertThat(requests)
        .anyMatch(
            r -> r.headers().stream().anyMatch(h -> h.value().equals(FuzzRequests.REAL_CONTEXT)));
    assertThat(requests)
        .anyMatch(r -> r.headers().stream().anyMatch(h -> h.value().length() > 8192));
  }

  @Example
  void noKeyRequestGoesToAPropsBucket() {
    for (FuzzRequest r : FuzzRequests.first(2, 3000)) {
      if (r.target().startsWith("/v1/buckets/" + FuzzTargets.PROPS_PREFIX)) {
        assertThat(r.target()).doesNotContain("/keys/");
      }
    }
  }

  @Example
  void forgedContextsUseTheStoresEncoding() {
    // From the README: a context the store issued, {"node-1.5611a069": 1}.
    TreeMap<String, Long> entries = new TreeMap<>();
    entries.put("node-1.5611a069", 1L);
    assertThat(FuzzRequests.encodeContext(entries)).isEqualTo("AQEPbm9kZS0xLjU2MTFhMDY5AQ");
  }

  @Example
  void aShortTimeoutIsOneTheServerReadsAsOneTo2000Ms() {
    assertThat(request("/v1/buckets/b/keys/k?timeout=1").shortTimeout()).isTrue();
    assertThat(request("/v1/buckets/b/keys/k?r=1&timeout=%201").shortTimeout()).isTrue();
    assertThat(request("/v1/buckets/b/keys/k?timeout=%D9%A1").shortTimeout()).isTrue();
    assertThat(request("/v1/buckets/b/keys/k?timeout=2001").shortTimeout()).isFalse();
    assertThat(request("/v1/buckets/b/keys/k?timeout=0").shortTimeout()).isFalse();
    assertThat(request("/v1/buckets/b/keys/k?timeout=abc").shortTimeout()).isFalse();
    assertThat(request("/v1/buckets/b/keys/k?r=1").shortTimeout()).isFalse();
  }

  @Example
  void percentEncodingKeepsOnlyUnreservedCharacters() {
    assertThat(FuzzTargets.encode("a/b é~")).isEqualTo("a%2Fb%20%C3%A9~");
    assertThat(FuzzTargets.encodeAll("a".getBytes(StandardCharsets.UTF_8))).isEqualTo("%61");
  }

  private static FuzzRequest request(String target) {
    return new FuzzRequest("GET", target, List.of(), null);
  }
}
