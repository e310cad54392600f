package io.dynakv.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A client of a dynakv cluster for applications: reads, writes and deletes keys over the /v1
 * HTTP API, with failover between nodes, retries with backoff, siblings and contexts as
 * values, a read-modify-write {@link #update} that resolves conflicts, and client-driven
 * routing (see {@link Routing}). Thread-safe; make one per application and {@link #close()}
 * it at the end.
 *
 * <pre>{@code
 * try (DynakvClient client = DynakvClient.builder()
 *     .nodes("http://10.0.0.1:8081", "http://10.0.0.2:8081")
 *     .bearerToken(token)
 *     .resolver(setUnion)
 *     .build()) {
 *   client.put("carts", "alice", Value.ofText("apple"));
 *   GetResult cart = client.get("carts", "alice");
 *   client.update("carts", "alice", current -> add(current, "pear"));
 * }
 * }</pre>
 *
 * <p>What is retried: reads always; a write or delete that carries a context after any
 * failure (sent again with the same context and value, it at worst leaves an identical
 * version, which reads show once); a write or delete without a context only when no node can
 * have received it (refused connection, connect timeout, 429) — after a 5xx or a timeout it
 * may exist, and sent again it would stand beside itself as a sibling if another write came
 * in between. See docs/client.md.
 */
public final class DynakvClient implements AutoCloseable {

  private final List<URI> nodes;
  private final Routing routing;
  private final ConflictResolver resolver;
  private final int updateAttempts;
  private final RetryPolicy retry;
  private final String quorumQuery;
  private final String writeQuery;
  private final Failover failover;
  private final RingTracker ring;
  private final AtomicInteger nextNode = new AtomicInteger();

  private DynakvClient(Builder b) {
    this.nodes = List.copyOf(b.nodes);
    this.routing = b.routing;
    this.resolver = b.resolver;
    this.updateAttempts = b.updateAttempts;
    this.retry = b.retry;
    this.quorumQuery = query("r", b.r, b.serverTimeout);
    this.writeQuery = query("w", b.w, b.serverTimeout);
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      http.sslContext(b.sslContext);
    }
    NodeHealth health = new NodeHealth(b.suspectFor, System::nanoTime);
    RingTracker[] tracker = new RingTracker[1];
    this.failover =
        new Failover(
            http.build(),
            b.requestTimeout,
            b.bearerToken,
            b.retry,
            health,
            epoch -> {
              if (tracker[0] != null) {
                tracker[0].epochSeen(epoch);
              }
            });
    this.ring = new RingTracker(() -> failover, () -> nodes);
    tracker[0] = routing == Routing.CLIENT_DRIVEN ? ring : null;
    if (routing == Routing.CLIENT_DRIVEN) {
      ring.start(b.ringRefreshInterval);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  // --- reads

  /** The key's value, siblings or nothing, with its context. */
  public GetResult get(String bucket, String key) {
    HttpResponse<byte[]> response =
        failover.send(
            new Failover.Call("GET", Paths.key(bucket, key) + quorumQuery, Map.of(), null),
            candidates(bucket, key),
            Failover.Safety.IDEMPOTENT);
    return Answers.read(response);
  }

  /** The key's value with its siblings resolved by {@code resolver}; empty if there is none. */
  public Optional<Value> get(String bucket, String key, ConflictResolver resolver) {
    return resolve(get(bucket, key), resolver);
  }

  // --- writes

  /** A blind write: it stands beside any version of the key that exists (as a sibling). */
  public WriteResult put(String bucket, String key, Value value) {
    return put(bucket, key, value, null);
  }

  /**
   * Writes {@code value}, replacing the versions {@code context} (from an earlier read) covers.
   *
   * @param context null for a blind write
   */
  public WriteResult put(String bucket, String key, Value value, Context context) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", value.contentType());
    if (context != null) {
      headers.put(Answers.CONTEXT_HEADER, context.encoded());
    }
    HttpResponse<byte[]> response =
        failover.send(
            new Failover.Call("PUT", Paths.key(bucket, key) + writeQuery, headers, value.bytes()),
            candidates(bucket, key),
            context == null ? Failover.Safety.ONCE : Failover.Safety.IDEMPOTENT);
    return Answers.write(response);
  }

  /** Deletes the versions {@code context} covers (null: a blind delete, a concurrent tombstone). */
  public WriteResult delete(String bucket, String key, Context context) {
    Map<String, String> headers =
        context == null ? Map.of() : Map.of(Answers.CONTEXT_HEADER, context.encoded());
    HttpResponse<byte[]> response =
        failover.send(
            new Failover.Call("DELETE", Paths.key(bucket, key) + writeQuery, headers, null),
            candidates(bucket, key),
            context == null ? Failover.Safety.ONCE : Failover.Safety.IDEMPOTENT);
    return Answers.write(response);
  }

  /** Reads the key for its context, then deletes what the read saw. */
  public WriteResult delete(String bucket, String key) {
    return delete(bucket, key, get(bucket, key).context().orElse(null));
  }

  /**
   * Read-modify-write with the client's resolver: reads the key, resolves its siblings,
   * applies {@code change} to the value (empty when there is none) and writes the result with
   * the read's context. Once that write is answered the update is stored. When it raced with
   * another write (the answer lists siblings), the siblings — this write's value among them —
   * are resolved and written back with the answer's context, after a backoff of the retry
   * policy, until a write leaves no siblings or the builder's {@code updateAttempts} writes were
   * made. A resolver that merges (see {@link ConflictResolver}) keeps every update.
   *
   * @return the last write's answer; it still lists siblings if every fold raced with yet
   *     another write (the update is stored among them; the next read or update resolves them)
   */
  public WriteResult update(String bucket, String key, Function<Optional<Value>, Value> change) {
    return update(bucket, key, resolver, change);
  }

  /** As {@link #update(String, String, Function)} with {@code resolver} for this call. */
  public WriteResult update(
      String bucket, String key, ConflictResolver resolver, Function<Optional<Value>, Value> change) {
    GetResult read = get(bucket, key);
    Value changed =
        Objects.requireNonNull(change.apply(resolve(read, resolver)), "change returned null");
    WriteResult written = put(bucket, key, changed, read.context().orElse(null));
    for (int attempt = 1; written.hasSiblings() && attempt < updateAttempts; attempt++) {
      // Writers racing on one key would race again at once: let one of them get through.
      Failover.pause(retry.backoff(attempt, () -> ThreadLocalRandom.current().nextDouble()));
      Optional<Value> merged =
          resolve(new GetResult(written.siblings(), Optional.of(written.context())), resolver);
      written = put(bucket, key, merged.orElse(changed), written.context());
    }
    return written;
  }

  private static Optional<Value> resolve(GetResult read, ConflictResolver resolver) {
    List<Sibling> live = read.siblings().stream().filter(s -> !s.isTombstone()).toList();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    if (new LinkedHashSet<>(read.values()).size() == 1) {
      return Optional.of(live.get(0).value());
    }
    return Optional.of(Objects.requireNonNull(resolver.resolve(live), "resolver returned null"));
  }

  // --- routing

  /**
   * Client-driven: the key's walk round the ring (primaries first), then the configured nodes
   * not in it. Any node: the configured nodes, starting at the next in turn.
   */
  List<URI> candidates(String bucket, String key) {
    if (routing == Routing.CLIENT_DRIVEN) {
      Optional<RingView> view = ring.view();
      if (view.isPresent()) {
        LinkedHashSet<URI> ordered =
            new LinkedHashSet<>(view.get().nodesFor(bucket, key, ring.n(bucket)));
        ordered.addAll(nodes);
        return List.copyOf(ordered);
      }
    }
    int start = Math.floorMod(nextNode.getAndIncrement(), nodes.size());
    List<URI> order = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      order.add(nodes.get((start + i) % nodes.size()));
    }
    return order;
  }

  /** Fetches the ring now (client-driven routing); normally the client does so by itself. */
  public void refreshRing() {
    ring.refresh();
  }

  /** The ring epoch the client routes by; empty before it fetched one (or with any-node routing). */
  public Optional<Long> ringEpoch() {
    return ring.view().map(RingView::epoch);
  }

  private static String query(String quorumName, Integer quorum, Duration serverTimeout) {
    List<String> params = new ArrayList<>();
    if (quorum != null) {
      params.add(quorumName + "=" + quorum);
    }
    if (serverTimeout != null) {
      params.add("timeout=" + serverTimeout.toMillis());
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  @Override
  public void close() {
    ring.close();
  }

  /** Settings of a {@link DynakvClient}; only {@link #nodes} is required. */
  public static final class Builder {

    private final List<URI> nodes = new ArrayList<>();
    private String bearerToken;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private RetryPolicy retry = RetryPolicy.defaults();
    private SSLContext sslContext;
    private Routing routing = Routing.CLIENT_DRIVEN;
    private ConflictResolver resolver = ConflictResolver.refuse();
    private int updateAttempts = 5;
    private Duration ringRefreshInterval = Duration.ofSeconds(30);
    private Duration suspectFor = Duration.ofSeconds(5);
    private Integer r;
    private Integer w;
    private Duration serverTimeout;

    private Builder() {}

    /** Base URLs of nodes, e.g. {@code http://10.0.0.1:8081}; at least one. */
    public Builder nodes(String... urls) {
      for (String url : urls) {
        node(URI.create(url));
      }
      return this;
    }

    public Builder nodes(List<URI> urls) {
      urls.forEach(this::node);
      return this;
    }

    public Builder node(URI url) {
      String scheme = url.getScheme();
      if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
        throw new IllegalArgumentException("not an http(s)://host:port URL: " + url);
      }
      nodes.add(URI.create(url.getScheme() + "://" + url.getRawAuthority()));
      return this;
    }

    /** Sent as {@code Authorization: Bearer <token>} with every request. */
    public Builder bearerToken(String token) {
      this.bearerToken = token;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** How long one attempt waits for its answer (default 10 s; the nodes' own default is 3 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = policy;
      return this;
    }

    /** For nodes serving HTTPS with a certificate the JVM's default trust store does not know. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    public Builder routing(Routing routing) {
      this.routing = routing;
      return this;
    }

    /** Used by {@link DynakvClient#update}; by default siblings are refused (an exception). */
    public Builder resolver(ConflictResolver resolver) {
      this.resolver = resolver;
      return this;
    }

    /** Writes one {@link DynakvClient#update} makes at most (default 5). */
    public Builder updateAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("updateAttempts must be >= 1");
      }
      this.updateAttempts = attempts;
      return this;
    }

    /** How often the ring is fetched besides when an answer says it changed (default 30 s). */
    public Builder ringRefreshInterval(Duration interval) {
      this.ringRefreshInterval = interval;
      return this;
    }

    /** How long a node that refused a connection is tried last (default 5 s). */
    public Builder suspectFor(Duration duration) {
      this.suspectFor = duration;
      return this;
    }

    /** Sent as {@code r} with every read; default: the bucket's. */
    public Builder readQuorum(int r) {
      this.r = r;
      return this;
    }

    /** Sent as {@code w} with every write and delete; default: the bucket's. */
    public Builder writeQuorum(int w) {
      this.w = w;
      return this;
    }

    /** Sent as {@code timeout} (the node's deadline for the request); default: the node's. */
    public Builder serverTimeout(Duration timeout) {
      this.serverTimeout = timeout;
      return this;
    }

    public DynakvClient build() {
      if (nodes.isEmpty()) {
        throw new IllegalArgumentException("name at least one node");
      }
      return new DynakvClient(this);
    }
  }
}
