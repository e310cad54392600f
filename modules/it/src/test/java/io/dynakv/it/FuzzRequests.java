package io.dynakv.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of HTTP requests for {@link HttpFuzzTest}: targets from {@link FuzzTargets},
 * methods, headers (content types, contexts real, forged, random and huge, many headers), and
 * bodies (none, empty, text, binary, JSON props valid and not, up to just over the 1 MiB value
 * limit).
 *
 * <p>Request {@code i} of seed {@code s} is a function of (s, i) alone ({@link #generate}), so any
 * failing request can be made again from the two numbers the test prints.
 */
final class FuzzRequests {

  /** A header value the test replaces with a context some earlier answer carried. */
  static final String REAL_CONTEXT = "\u0000real-context";

  private static final int GEN_SIZE = 1000;

  private FuzzRequests() {}

  static RandomGenerator<FuzzRequest> generator() {
    return requests().generatorWithEmbeddedEdgeCases(GEN_SIZE);
  }

  /** Request {@code index} of the run with {@code seed}. */
  static FuzzRequest generate(RandomGenerator<FuzzRequest> generator, long seed, long index) {
    return generator.next(new Random(seed * 1_000_003L + index)).value();
  }

  static Arbitrary<FuzzRequest> requests() {
    return Combinators.combine(methods(), FuzzTargets.targets(), headers(), bodies())
        .as(FuzzRequest::new);
  }

  // --- methods

  static Arbitrary<String> methods() {
    return Arbitraries.frequencyOf(
        Tuple.of(35, Arbitraries.just("GET")),
        Tuple.of(30, Arbitraries.just("PUT")),
        Tuple.of(10, Arbitraries.just("DELETE")),
        Tuple.of(6, Arbitraries.just("POST")),
        Tuple.of(5, Arbitraries.just("HEAD")),
        Tuple.of(3, Arbitraries.of("OPTIONS", "PATCH", "TRACE")),
        Tuple.of(2, Arbitraries.of("FOO", "PROPFIND", "MKCOL", "BREW", "X", "get")));
  }

  // --- headers

  static Arbitrary<List<FuzzRequest.Header>> headers() {
    Arbitrary<FuzzRequest.Header> header =
        Arbitraries.frequencyOf(
            Tuple.of(5, contentTypes().map(v -> new FuzzRequest.Header("Content-Type", v))),
            Tuple.of(5, contexts().map(v -> new FuzzRequest.Header("X-Context", v))),
            Tuple.of(
                1,
                Arbitraries.of(
                        "*/*",
                        "application/json",
                        "text/html",
                        "garbage",
                        "application/json;q=0",
                        "")
                    .map(v -> new FuzzRequest.Header("Accept", v))),
            Tuple.of(
                1,
                Arbitraries.of("gzip", "deflate", "br", "identity;q=0", "*;q=0", "garbage")
                    .map(v -> new FuzzRequest.Header("Accept-Encoding", v))),
            Tuple.of(
                1,
                Arbitraries.of("gzip", "br", "garbage", "identity")
                    .map(v -> new FuzzRequest.Header("Content-Encoding", v))),
            Tuple.of(
                1,
                Arbitraries.of("bytes=0-1", "bytes=-5", "bytes=5-1", "garbage")
                    .map(v -> new FuzzRequest.Header("Range", v))),
            Tuple.of(
                1,
                Arbitraries.of("*", "\"x\"", "W/\"x\"", "garbage")
                    .map(v -> new FuzzRequest.Header("If-None-Match", v))),
            Tuple.of(
                1,
                Arbitraries.of("garbage", "Thu, 01 Jan 1970 00:00:00 GMT", "")
                    .map(v -> new FuzzRequest.Header("If-Modified-Since", v))),
            Tuple.of(
                1,
                FuzzTargets.printable(0, 60)
                    .map(v -> new FuzzRequest.Header("Authorization", "Basic " + v))),
            Tuple.of(
                1, FuzzTargets.printable(0, 200).map(v -> new FuzzRequest.Header("Cookie", v))),
            Tuple.of(
                1,
                Arbitraries.of("http://evil.example", "null")
                    .map(v -> new FuzzRequest.Header("Origin", v))),
            Tuple.of(
                1,
                FuzzTargets.printable(0, 40)
                    .map(v -> new FuzzRequest.Header("X-Forwarded-For", v))),
            Tuple.of(
                2,
                Combinators.combine(FuzzTargets.plain(1, 20), headerValues())
                    .as((n, v) -> new FuzzRequest.Header("X-" + n, v))));
    Arbitrary<List<FuzzRequest.Header>> many =
        Combinators.combine(FuzzTargets.plain(1, 10), FuzzTargets.printable(0, 20))
            .as((n, v) -> new FuzzRequest.Header("X-Many-" + n, v))
            .list()
            .ofMinSize(30)
            .ofMaxSize(90);
    return Arbitraries.frequencyOf(Tuple.of(99, header.list().ofMaxSize(5)), Tuple.of(1, many));
  }

  private static Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        FuzzTargets.printable(0, 100),
        Arbitraries.strings().withCharRange('\u00a0', '\u00ff').ofMaxLength(20),
        Arbitraries.strings().withChars('A').ofMinLength(8193).ofMaxLength(12_000));
  }

  static Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "text/plain",
            "application/json",
            "application/octet-stream",
            "text/plain; charset=utf-8",
            "application/json; charset=utf-16",
            "text/plain; charset=garbage",
            "foo",
            "foo/bar/baz",
            "/",
            "text/",
            "*/*",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "application/x-www-form-urlencoded",
            ";;;",
            "text/plain; charset=\"",
            "",
            "  ",
            "image/png",
            "application/vnd.custom+json; a=b; c=\"d\"",
            "TEXT/PLAIN",
            "text/plain; charset=utf-8; charset=latin1"),
        FuzzTargets.printable(0, 80));
  }

  /**
   * X-Context values: one some answer carried ({@link #REAL_CONTEXT}), well-formed ones this store
   * never issued (foreign nodes, huge counters), random base64 and base64url, garbage, long ones
   * under akka's 8 KiB header value limit and huge ones over it.
   */
  static Arbitrary<String> contexts() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(REAL_CONTEXT)),
        Tuple.of(2, forgedContexts()),
        Tuple.of(
            3,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(64)
                .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b))),
        Tuple.of(
            2,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(64)
                .map(b -> Base64.getEncoder().encodeToString(b))),
        Tuple.of(2, FuzzTargets.printable(0, 100)),
        Tuple.of(
            1,
            Arbitraries.of(
                "",
                " ",
                "null",
                "AAAA",
                "AQ",
                "AQA",
                "AQEPbm9kZS0xLjU2MTFhMDY5AQ",
                "AP____8P",
                "AQH_____DwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "====",
                "%%%",
                "AQEPbm9kZS0xLjU2MTFhMDY5AQ==")),
        Tuple.of(
            1,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(600)
                .ofMaxSize(5000)
                .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b))),
        Tuple.of(1, Arbitraries.strings().withChars('A').ofMinLength(8193).ofMaxLength(20_000)));
  }

  /**
   * Contexts in the store's own encoding (format 1, then varint-counted entries of a varint-length
   * UTF-8 node id and a varint counter, ids ascending, base64url unpadded) naming nodes that do not
   * exist or counters never issued.
   */
  static Arbitrary<String> forgedContexts() {
    Arbitrary<String> id =
        Arbitraries.oneOf(
            Arbitraries.of("node-1", "node-2", "node-1.00000000"),
            FuzzTargets.plain(1, 12),
            Arbitraries.strings().withCharRange('\u00e0', '\u00ff').ofMinLength(1).ofMaxLength(5));
    Arbitrary<Long> counter =
        Arbitraries.oneOf(
            Arbitraries.of(1L, 2L, Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62),
            Arbitraries.longs().between(1, 1000),
            Arbitraries.longs().between(1, Long.MAX_VALUE));
    return Combinators.combine(id, counter)
        .as((i, c) -> new Object[] {i, c})
        .list()
        .ofMaxSize(3)
        .map(
            entries -> {
              TreeMap<String, Long> sorted = new TreeMap<>();
              for (Object[] e : entries) {
                sorted.put((String) e[0], (Long) e[1]);
              }
              return encodeContext(sorted);
            });
  }

  static String encodeContext(TreeMap<String, Long> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    varint(out, entries.size());
    entries.forEach(
        (id, counter) -> {
          byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
          varint(out, bytes.length);
          out.write(bytes, 0, bytes.length);
          varint(out, counter);
        });
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  // --- bodies

  static Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(15, Arbitraries.just((byte[]) null)),
        Tuple.of(10, Arbitraries.just(new byte[0])),
        Tuple.of(25, Arbitraries.strings().all().ofMaxLength(200).map(FuzzRequests::utf8)),
        Tuple.of(15, Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)),
        Tuple.of(20, propsBodies().map(FuzzRequests::utf8)),
        Tuple.of(1, bigBodies()));
  }

  /** JSON for PUT .../props: valid, out of range, the wrong types, broken, deeply nested. */
  static Arbitrary<String> propsBodies() {
    Arbitrary<String> field = Arbitraries.of("n", "r", "w", "allow-siblings", "N", "x", "");
    Arbitrary<String> value =
        Arbitraries.of(
            "1",
            "2",
            "3",
            "0",
            "-1",
            "1.5",
            "1e400",
            "2147483648",
            "\"3\"",
            "null",
            "true",
            "false",
            "\"yes\"",
            "[]",
            "{}",
            "99999999999999999999");
    Arbitrary<String> object =
        Combinators.combine(field, value)
            .as((f, v) -> "\"" + f + "\":" + v)
            .list()
            .ofMaxSize(5)
            .map(fields -> "{" + String.join(",", fields) + "}");
    return Arbitraries.oneOf(
        object,
        Arbitraries.of(
            "{\"n\":1,\"r\":1,\"w\":1}",
            "{\"allow-siblings\":false}",
            "{\"n\":1}",
            "{}",
            "[]",
            "null",
            "\"str\"",
            "{\"n\":1,\"n\":2}",
            "{\"n\":",
            "{",
            "}",
            "{\"n\":1}}",
            "{\"n\":1} trailing",
            "\ufeff{\"n\":1}",
            "{'n':1}",
            "{n:1}"),
        Arbitraries.integers().between(1, 100_000).map(d -> "[".repeat(d)),
        Arbitraries.integers()
            .between(1, 5_000)
            .map(d -> "{\"a\":".repeat(d) + "1" + "}".repeat(d)));
  }

  /**
   * Around the 1 MiB value limit (and the 64 KiB props limit). Built from the random source
   * directly: jqwik's flatMap needs a running property, and these generators run in plain threads.
   */
  private static Arbitrary<byte[]> bigBodies() {
    int[] edges = {64 * 1024, 64 * 1024 + 1, 1024 * 1024, 1024 * 1024 + 1, 1100 * 1024};
    return Arbitraries.randomValue(
        random -> {
          int n =
              random.nextBoolean()
                  ? edges[random.nextInt(edges.length)]
                  : 64 * 1024 + random.nextInt(1100 * 1024 - 64 * 1024);
          byte[] b = new byte[n];
          random.nextBytes(b);
          return b;
        });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** For tests of this class: a list of the first {@code n} requests of a seed. */
  static List<FuzzRequest> first(long seed, int n) {
    RandomGenerator<FuzzRequest> generator = generator();
    List<FuzzRequest> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(generate(generator, seed, i));
    }
    return list;
  }
}
