package io.dynakv.it;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of request targets (path and query, percent-encoded as on the wire) for {@link
 * FuzzRequests}: valid and invalid buckets and keys (percent-encoded unicode, raw bytes, '/',
 * empty, around the 1 KiB key limit and past the 16 KiB URI limit), every route and some that do
 * not exist, and query parameters with junk values.
 *
 * <p>Bucket properties that the server accepts are only ever sent to buckets named {@code props-*},
 * and no key request goes to such a bucket: a bucket made n = 3 on a one-node cluster answers every
 * key request with a (correct) 503.
 */
final class FuzzTargets {

  static final String PROPS_PREFIX = "props-";

  private FuzzTargets() {}

  // --- targets

  static Arbitrary<String> targets() {
    return Arbitraries.frequencyOf(
        Tuple.of(55, keyTargets()),
        Tuple.of(8, propsTargets()),
        Tuple.of(6, preflistTargets()),
        Tuple.of(6, Combinators.combine(nodeRoutes(), queries()).as(String::concat)),
        Tuple.of(2, clusterTargets()),
        Tuple.of(8, oddTargets()),
        Tuple.of(3, randomPaths()));
  }

  static Arbitrary<String> keyTargets() {
    return Combinators.combine(keyBuckets(), keys(), queries())
        .as((b, k, q) -> "/v1/buckets/" + b + "/keys/" + k + q);
  }

  private static Arbitrary<String> propsTargets() {
    Arbitrary<String> bucket =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0, 9).map(i -> PROPS_PREFIX + i)),
            Tuple.of(1, invalidBuckets()));
    return Combinators.combine(bucket, queries()).as((b, q) -> "/v1/buckets/" + b + "/props" + q);
  }

  private static Arbitrary<String> preflistTargets() {
    return Combinators.combine(keyBuckets(), keys(), Arbitraries.of("", "", "/x", "/", "?r=1"))
        .as((b, k, rest) -> "/v1/preflist/" + b + "/" + k + rest);
  }

  private static Arbitrary<String> nodeRoutes() {
    return Arbitraries.of("/v1/ring", "/v1/health", "/v1/ready", "/v1/status", "/v1/handoff");
  }

  /** Never a leave of node-1 (refused anyway: the last member cannot leave). */
  private static Arbitrary<String> clusterTargets() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "/v1/cluster/join",
            "/v1/cluster",
            "/v1/cluster/",
            "/v1/cluster/leave",
            "/v1/cluster/leave/",
            "/v1/cluster/leave/a/b",
            "/v1/cluster/join/x",
            "/v1/cluster/admit",
            "/v1/cluster/admit/",
            "/v1/cluster/admit/a/b"),
        plain(1, 20).map(n -> "/v1/cluster/leave/nobody-" + n),
        plain(1, 20).map(n -> "/v1/cluster/admit/nobody-" + n));
  }

  private static Arbitrary<String> oddTargets() {
    Arbitrary<String> fixed =
        Arbitraries.of(
            "/",
            "",
            "/v1",
            "/v1/",
            "/v2/buckets/b/keys/k",
            "/v1/buckets",
            "/v1/buckets/",
            "/v1/buckets/b",
            "/v1/buckets/b/",
            "/v1/buckets/b/keys",
            "/v1/buckets/b/keys/",
            "/v1/buckets/b/keys/k/",
            "/v1/buckets/b/keys/k/extra",
            "/v1/buckets/b/keys//",
            "//v1/health",
            "/v1//health",
            "/v1/health/",
            "/V1/HEALTH",
            "/v1/buckets/b/props/x",
            "/v1/preflist",
            "/v1/preflist/",
            "/v1/preflist/b",
            "/v1/buckets//props",
            "/v1/buckets//keys/k",
            "/v1/%2e%2e/health",
            "/v1/./health",
            "/v1/../v1/health",
            "/favicon.ico",
            "/metrics",
            "/v1/buckets/b/keys/k;a=b",
            "/v1/health?",
            "/v1/health?&&&",
            "/v1/health?=",
            "/%76%31/health",
            "/v1/health%00",
            "/v1/buckets/b%00/keys/k",
            "/v1/buckets/b/keys/k%2F",
            "/v1/buckets/b%2Fkeys%2Fk");
    return Arbitraries.oneOf(
        fixed, Combinators.combine(fixed, randomSegments()).as((a, b) -> a + "/" + b));
  }

  private static Arbitrary<String> randomPaths() {
    return randomSegments().list().ofMinSize(1).ofMaxSize(6).map(s -> "/" + String.join("/", s));
  }

  private static Arbitrary<String> randomSegments() {
    return Arbitraries.oneOf(
        plain(0, 12), Arbitraries.strings().all().ofMaxLength(12).map(FuzzTargets::encode));
  }

  // --- buckets and keys

  /** Buckets for key requests: valid ones (never props-*), and invalid ones. */
  static Arbitrary<String> keyBuckets() {
    Arbitrary<String> valid =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars("_.-")
            .ofMinLength(1)
            .ofMaxLength(64)
            .filter(b -> !b.startsWith(PROPS_PREFIX));
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of("fz", "fz-2", "a", "A.b_c-9")),
        Tuple.of(3, valid),
        Tuple.of(2, invalidBuckets()));
  }

  static Arbitrary<String> invalidBuckets() {
    return Arbitraries.oneOf(
        plain(65, 300),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20).map(FuzzTargets::encode),
        Arbitraries.of(
            "",
            "a%2Fb",
            "%2F",
            "a%20b",
            "%00",
            "%F0%9F%98%80",
            "%FF",
            "a!b",
            "a$b",
            "a;b",
            "a=b",
            "a@b",
            "a:b",
            "a'b",
            "a(b)",
            "a*b",
            "a+b",
            "a,b",
            "~x",
            "%2e",
            "%2e%2e",
            "b%0Ab",
            "%C3%A9t%C3%A9"));
  }

  static Arbitrary<String> keys() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, plain(1, 20)),
        Tuple.of(
            3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30).map(FuzzTargets::encode)),
        Tuple.of(
            2,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(60)
                .map(FuzzTargets::encodeAll)),
        Tuple.of(
            2,
            Arbitraries.of(
                "%2F",
                "a%2Fb",
                "..",
                ".",
                "%2e%2e",
                "%00",
                "%25",
                "%3F",
                "%23",
                "k;v",
                "k=v",
                "k@x",
                "k:x",
                "~",
                "-",
                "_",
                "!$&'()*+,;=",
                "%20",
                "+",
                "%2B",
                "%EF%BB%BF",
                "%ED%A0%80",
                "%C0%80",
                "%F4%90%80%80")),
        Tuple.of(1, longKeys()),
        Tuple.of(1, Arbitraries.just("")));
  }

  /** Around the 1 KiB key limit, and past akka's URI limit (16 KiB as HttpServer sets it). */
  private static Arbitrary<String> longKeys() {
    return Arbitraries.of(
        "k".repeat(1024),
        "k".repeat(1025),
        "%E2%82%AC".repeat(341), // 1023 bytes
        "%E2%82%AC".repeat(342), // 1026 bytes
        "%FF".repeat(400), // 400 invalid bytes: as many U+FFFD, 1200 bytes
        "k".repeat(5000),
        "k".repeat(20_000),
        "%41".repeat(1024));
  }

  // --- query parameters

  static Arbitrary<String> queries() {
    Arbitrary<String> name =
        Arbitraries.of(
            "r", "w", "n", "timeout", "timeout", "r", "w", "R", "foo", "", "r%00", "timeout%20");
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(
                6,
                Arbitraries.of(
                    "1",
                    "2",
                    "3",
                    "0",
                    "-1",
                    "+1",
                    "%201",
                    "1%20",
                    "1.5",
                    "1e3",
                    "0x10",
                    "NaN",
                    "",
                    "abc",
                    "99999999999",
                    "2147483648",
                    "-2147483649",
                    "9223372036854775807",
                    "9223372036854775808",
                    "-9223372036854775808",
                    "18446744073709551616",
                    "%D9%A1",
                    "%EF%BC%91",
                    "%FF",
                    "%00",
                    "1;2",
                    "1,2",
                    "%2B1",
                    "60000",
                    "60001",
                    "1000",
                    "100",
                    "5000",
                    "3000")),
            Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(10).map(FuzzTargets::encode)));
    Arbitrary<String> param =
        Arbitraries.frequencyOf(
            Tuple.of(8, Combinators.combine(name, value).as((n, v) -> n + "=" + v)),
            Tuple.of(1, name),
            Tuple.of(1, value.map(v -> "=" + v)));
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just("")),
        Tuple.of(5, param.list().ofMinSize(1).ofMaxSize(4).map(p -> "?" + String.join("&", p))));
  }

  // --- encoding

  static Arbitrary<String> plain(int min, int max) {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('0', '9')
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  static Arbitrary<String> printable(int min, int max) {
    return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(min).ofMaxLength(max);
  }

  /** UTF-8, with every byte that is not unreserved (RFC 3986) percent-encoded. */
  static String encode(String s) {
    return encodeBytes(utf8(s), false);
  }

  /** Every byte percent-encoded, unreserved ones included. */
  static String encodeAll(byte[] bytes) {
    return encodeBytes(bytes, true);
  }

  private static String encodeBytes(byte[] bytes, boolean all) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved && !all) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
