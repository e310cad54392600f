package io.dynakv.http;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.stream.Materializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynakv.core.BucketProps;
import io.dynakv.core.InvalidInputException;
import io.dynakv.core.Key;
import io.dynakv.core.Limits;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.DynakvNode;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.api.KvService;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.cluster.MemberDirectory;
import io.dynakv.node.cluster.SelfMembership;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.antientropy.AntiEntropy;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.ring.Claimant;
import io.dynakv.node.ring.RingManager;
import io.dynakv.node.tombstone.TombstoneReaper;
import io.dynakv.node.routing.RequestRouter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

/**
 * The /v1 HTTP API (DESIGN section 8) over a node's actors. Key requests go to {@link
 * KvService}, which validates them and owns every rule about r, w and timeouts; this class
 * only translates between HTTP and the actor protocol, and makes sure every answer, errors
 * included, is what the contract says.
 */
public final class HttpApi extends AllDirectives {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** An ask outlives the node's own deadline by this much, so the node's answer wins. */
  private static final Duration ASK_MARGIN = Duration.ofSeconds(2);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(15);
  // ReplicaHost's status query gives up after 5 s without answering.
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(7);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);
  private static final long MAX_PROPS_BODY_BYTES = 64 * 1024;
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final DynakvNode.NodeHandle node;
  private final ActorSystem<?> system;
  private final Materializer materializer;
  private final Partitioning partitioning;
  private final RequestTiming timing;
  private final MetricsRoute metrics;
  private final RequestGate gate;
  private final RingEpoch ringEpoch;

  public HttpApi(DynakvNode.NodeHandle node, ActorSystem<?> system, HttpSettings settings) {
    this.node = node;
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
    this.gate =
        new RequestGate(
            settings.access(),
            new ClientConcurrency(settings.maxConcurrentPerClient()),
            materializer,
            node.metrics().registry(),
            LOG);
    this.partitioning = new Partitioning(node.settings().partitions());
    this.timing = new RequestTiming(node.metrics().requests(), LOG);
    this.metrics = new MetricsRoute(node, system);
    this.ringEpoch = RingEpoch.watch(system, node.ring());
  }

  /**
   * The whole API, sealed: every request gets a JSON answer, whatever goes wrong, carrying the
   * node's ring epoch ({@link RingEpoch}). Each passes the {@link RequestGate} (token and role,
   * per-client limit) before any route.
   */
  public Route route() {
    Route routes = routes();
    return mapResponse(
        this::withRingEpoch,
        () ->
            withRequestTimeoutResponse(
                ErrorResponses::requestTimedOut,
                () ->
                    handleExceptions(
                        ErrorResponses.exceptionHandler(LOG),
                        () ->
                            handleRejections(
                                ErrorResponses.rejectionHandler(), () -> gate.route(() -> routes)))));
  }

  private HttpResponse withRingEpoch(HttpResponse response) {
    long epoch = ringEpoch.current();
    return epoch < 0
        ? response
        : response.addHeader(
            akka.http.javadsl.model.headers.RawHeader.create(RingEpoch.HEADER, Long.toString(epoch)));
  }

  private Route routes() {
    return concat(metrics.route(), new ConsoleRoute().route(), pathPrefix("v1", this::v1Routes));
  }

  private Route v1Routes() {
    return concat(
        pathPrefix("buckets", this::bucketRoutes),
        pathPrefix("preflist", this::preferenceListRoutes),
        path("ring", () -> get(this::ring)),
        path("members", () -> get(this::members)),
        path("health", () -> get(this::health)),
        path("ready", () -> get(this::ready)),
        path("status", () -> get(this::status)),
        path("handoff", () -> get(this::handoff)),
        path("anti-entropy", () -> post(() -> parameterOptional("partition", this::runAntiEntropy))),
        pathPrefix("cluster", this::clusterRoutes));
  }

  /**
   * Admin calls: an operator admits a new node id to the ring, a node that left joins again,
   * a node leaves it (its data moves first), or a node that is gone for good is forced out
   * (its data is rebuilt from the other replicas).
   */
  private Route clusterRoutes() {
    return concat(
        path(
            PathMatchers.segment("down").slash(PathMatchers.segment()),
            member -> post(() -> down(member))),
        path(
            PathMatchers.segment("admit").slash(PathMatchers.segment()),
            member -> post(() -> admit(member))),
        path(
            "join",
            () -> post(() -> clusterAnswer(node.ring(), RingManager.Rejoin::new))),
        path(
            PathMatchers.segment("leave").slash(PathMatchers.segment()),
            member ->
                post(() -> clusterAnswer(node.claimant(), replyTo -> new Claimant.Leave(member, replyTo)))));
  }

  private <T> Route clusterAnswer(
      akka.actor.typed.ActorRef<T> to,
      java.util.function.Function<akka.actor.typed.ActorRef<Claimant.Answer>, T> ask) {
    return clusterAnswer(ask(to, ask::apply, ADMIN_TIMEOUT, system.scheduler()));
  }

  /**
   * Forced removal: downs the node in Akka Cluster (unless this node still reaches it), then
   * asks the claimant to take it out of the ring. The claimant may have to move first (it ran
   * on the dead node), hence the longer wait.
   */
  private Route down(String member) {
    if (!NODE_ID.matcher(member).matches()) {
      return complete(ErrorResponses.badRequest("node", "a node id matches [A-Za-z0-9_.-]{1,64}"));
    }
    if (member.equals(node.settings().nodeId())) {
      return complete(
          JsonViews.response(
              StatusCodes.CONFLICT, refused("a node cannot down itself: send this to another node")));
    }
    return respond(
        currentRing(ADMIN_TIMEOUT)
            .thenCompose(
                ring -> {
                  if (!ring.isMember(member)) {
                    return CompletableFuture.completedFuture(
                        JsonViews.response(
                            StatusCodes.CONFLICT, refused(member + " is not a member of the ring")));
                  }
                  MemberDirectory.Entry entry = MemberDirectory.of(system).find(member).orElse(null);
                  if (entry != null && entry.reachable() && entry.active()) {
                    return CompletableFuture.completedFuture(
                        JsonViews.response(
                            StatusCodes.CONFLICT,
                            refused(member + " is reachable: use leave to decommission it with its data")));
                  }
                  if (entry != null && entry.active()) {
                    LOG.warn("downing {} at {} in Akka Cluster, as an operator asked", member, entry.address());
                    MemberDirectory.down(system, entry.address());
                  }
                  return ask(
                          node.claimant(),
                          (ActorRef<Claimant.Answer> replyTo) -> new Claimant.Down(member, replyTo),
                          DOWN_TIMEOUT,
                          system.scheduler())
                      .thenApply(HttpApi::answerResponse);
                }));
  }

  /** Lets a connected node id into the ring: the claimant puts it into the next ring at once. */
  private Route admit(String member) {
    if (!NODE_ID.matcher(member).matches()) {
      return complete(ErrorResponses.badRequest("node", "a node id matches [A-Za-z0-9_.-]{1,64}"));
    }
    return clusterAnswer(node.claimant(), replyTo -> new Claimant.Admit(member, replyTo));
  }

  private static ObjectNode refused(String detail) {
    ObjectNode body = JsonViews.object();
    body.put("error", "refused");
    body.put("accepted", false);
    body.put("detail", detail);
    return body;
  }

  private Route members() {
    return respond(
        currentRing(ADMIN_TIMEOUT)
            .thenApply(
                ring ->
                    JsonViews.ok(
                        JsonViews.members(
                            node.settings().nodeId(),
                            MemberDirectory.of(system).entries(),
                            ring,
                            node.settings().admittedNodes()))));
  }

  private Route clusterAnswer(CompletionStage<Claimant.Answer> answered) {
    return respond(answered.thenApply(HttpApi::answerResponse));
  }

  private static HttpResponse answerResponse(Claimant.Answer answer) {
    ObjectNode body = JsonViews.object();
    if (!answer.accepted()) {
      body.put("error", "refused");
    }
    body.put("accepted", answer.accepted());
    body.put("detail", answer.detail());
    return answer.accepted()
        ? JsonViews.response(StatusCodes.ACCEPTED, body)
        : JsonViews.response(StatusCodes.CONFLICT, body);
  }

  private Route bucketRoutes() {
    return concat(
        path(
            segment().slash("keys").slash(segment()),
            (bucket, key) ->
                timing.measured(
                    () ->
                        concat(
                            get(() -> getValue(bucket, key)),
                            put(() -> putValue(bucket, key)),
                            delete(() -> deleteValue(bucket, key)),
                            methodNotAllowed(
                                HttpMethods.GET, HttpMethods.PUT, HttpMethods.DELETE)))),
        path(
            segment().slash("props"),
            bucket ->
                concat(
                    get(() -> getProps(bucket)),
                    put(() -> putProps(bucket)),
                    methodNotAllowed(HttpMethods.GET, HttpMethods.PUT))),
        // Without this, a bucket or key with an unencoded '/' would be a bare 404.
        extractUnmatchedPath(
            rest -> complete(ErrorResponses.unmatchedBucketPath(segmentsOf(rest)))));
  }

  private Route preferenceListRoutes() {
    return concat(
        path(
            segment().slash(segment()),
            (bucket, key) ->
                concat(
                    get(() -> preferenceList(bucket, key)), methodNotAllowed(HttpMethods.GET))),
        extractUnmatchedPath(
            rest ->
                complete(
                    segmentsOf(rest).size() < 2
                        ? ErrorResponses.notFound()
                        : ErrorResponses.badRequest(
                            "key",
                            "ask as /v1/preflist/{bucket}/{key}, with '/' in a key"
                                + " percent-encoded as %2F"))));
  }

  // --- keys

  private Route getValue(String bucket, String key) {
    return parameterOptional(
        "r",
        r ->
            parameterOptional(
                "timeout",
                timeout -> {
                  Integer quorum = RequestOptions.quorum("r", r);
                  Duration deadline = RequestOptions.timeout(timeout);
                  return answer(
                      deadline,
                      askKv(
                              replyTo -> new KvService.Get(bucket, key, quorum, deadline, replyTo),
                              deadline)
                          .thenApply(KvAnswers::read));
                }));
  }

  private Route putValue(String bucket, String key) {
    return writeOptions(
        (quorum, deadline, context) ->
            extractRequestEntity(
                entity ->
                    answer(
                        deadline,
                        readBody(entity, "value", node.settings().limits().maxValueBytes())
                            .thenCompose(
                                body ->
                                    askKv(
                                        replyTo ->
                                            new KvService.Put(
                                                bucket,
                                                key,
                                                context,
                                                body.getData().toArray(),
                                                KvAnswers.contentTypeOf(body),
                                                quorum,
                                                deadline,
                                                replyTo),
                                        deadline))
                            .thenApply(KvAnswers::write))));
  }

  private Route deleteValue(String bucket, String key) {
    return writeOptions(
        (quorum, deadline, context) ->
            answer(
                deadline,
                askKv(
                        replyTo ->
                            new KvService.Delete(bucket, key, context, quorum, deadline, replyTo),
                        deadline)
                    .thenApply(KvAnswers::write)));
  }

  private interface WriteRoute {
    Route apply(Integer w, Duration timeout, VersionVector context);
  }

  private Route writeOptions(WriteRoute inner) {
    return parameterOptional(
        "w",
        w ->
            parameterOptional(
                "timeout",
                timeout ->
                    optionalHeaderValueByName(
                        RequestOptions.CONTEXT_HEADER,
                        context ->
                            inner.apply(
                                RequestOptions.quorum("w", w),
                                RequestOptions.timeout(timeout),
                                RequestOptions.context(context)))));
  }

  private CompletionStage<KvResponse> askKv(
      akka.japi.function.Function<ActorRef<KvResponse>, KvService.Command> request,
      Duration deadline) {
    return ask(node.kv(), request, askTimeout(deadline), system.scheduler());
  }

  /** The node's deadline for this request (null: its default), plus the margin. */
  private Duration askTimeout(Duration deadline) {
    boolean usable =
        deadline != null
            && !deadline.isNegative()
            && !deadline.isZero()
            && deadline.compareTo(node.settings().maxRequestTimeout()) <= 0;
    return (usable ? deadline : node.settings().requestTimeout()).plus(ASK_MARGIN);
  }

  /**
   * Reads a body of at most {@code limit} bytes, plus one: enough to tell the caller exactly
   * how far over the limit a body just past it is, without buffering a huge one.
   */
  private CompletionStage<HttpEntity.Strict> readBody(HttpEntity entity, String field, long limit) {
    long readLimit = limit + 1;
    CompletableFuture<HttpEntity.Strict> body = new CompletableFuture<>();
    direct(
            entity
                .withSizeLimit(readLimit)
                // The size limit alone bounds the read: toStrict's own bound fails with a
                // generic EntityStreamException that cannot be told apart from a broken upload.
                .toStrict(BODY_TIMEOUT.toMillis(), Long.MAX_VALUE, materializer))
        .whenComplete(
            (strict, error) -> {
              if (error == null) {
                body.complete(strict);
              } else if (isSizeError(error)) {
                body.completeExceptionally(
                    new InvalidInputException(
                        field, field + " exceeds the limit of " + limit + " bytes", true));
              } else {
                body.completeExceptionally(error);
              }
            });
    return body;
  }

  private static boolean isSizeError(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    return cause instanceof EntityStreamSizeException;
  }

  // --- bucket properties

  private Route getProps(String bucket) {
    node.settings().limits().checkBucket(bucket);
    return respond(bucketProps(bucket).thenApply(props -> JsonViews.ok(JsonViews.props(props))));
  }

  private Route putProps(String bucket) {
    return extractRequestEntity(
        entity -> {
          node.settings().limits().checkBucket(bucket);
          return respond(
              readBody(entity, "body", MAX_PROPS_BODY_BYTES)
                  .thenApply(body -> PropsUpdate.parse(body.getData().toArray()))
                  .thenCompose(update -> bucketProps(bucket).thenApply(update::applyTo))
                  .thenCompose(props -> setBucketProps(bucket, props))
                  .thenApply(props -> JsonViews.ok(JsonViews.props(props))));
        });
  }

  private CompletionStage<BucketProps> bucketProps(String bucket) {
    return ask(
        node.buckets(),
        replyTo -> new BucketRegistry.GetProps(bucket, replyTo),
        ADMIN_TIMEOUT,
        system.scheduler());
  }

  private CompletionStage<BucketProps> setBucketProps(String bucket, BucketProps props) {
    return ask(
        node.buckets(),
        replyTo -> new BucketRegistry.SetProps(bucket, props, replyTo),
        ADMIN_TIMEOUT,
        system.scheduler());
  }

  // --- ring and node

  private Route ring() {
    return respond(currentRing(ADMIN_TIMEOUT).thenApply(ring -> JsonViews.ok(JsonViews.ring(ring))));
  }

  private Route preferenceList(String bucket, String key) {
    Limits limits = node.settings().limits();
    limits.checkBucket(bucket);
    limits.checkKey(key);
    int partition = partitioning.partitionOf(new Key(bucket, key));
    return respond(
        bucketProps(bucket)
            .thenCompose(props -> preferenceListOf(partition, props.n()))
            .thenApply(list -> JsonViews.ok(JsonViews.preferenceList(list))));
  }

  private CompletionStage<PreferenceList> preferenceListOf(int partition, int n) {
    return ask(
        node.router(),
        replyTo -> new RequestRouter.GetPreferenceList(partition, n, replyTo),
        ADMIN_TIMEOUT,
        system.scheduler());
  }

  private Route health() {
    return complete(JsonViews.ok(JsonViews.health(node.settings().nodeId())));
  }

  /**
   * Ready once the node is a member of its cluster (Up), knows a ring, and its replicas have
   * all recovered and answer. A node not (yet) in the ring is ready to coordinate requests,
   * and says it is no ring member.
   */
  private Route ready() {
    String self = node.settings().nodeId();
    Optional<String> notMember = SelfMembership.notMemberReason(system);
    if (notMember.isPresent()) {
      return complete(
          JsonViews.response(
              StatusCodes.SERVICE_UNAVAILABLE, JsonViews.notReady(self + " is " + notMember.get())));
    }
    return completeWithFuture(
        currentRing(READY_TIMEOUT)
            .thenCombine(
                hostStatus(READY_TIMEOUT),
                (ring, status) -> JsonViews.ok(JsonViews.readiness(self, ring)))
            .exceptionally(
                e ->
                    JsonViews.response(
                        StatusCodes.SERVICE_UNAVAILABLE, JsonViews.readiness(false))));
  }

  private Route status() {
    CompletableFuture<ReplicaHost.HostStatus> host = hostStatus(STATUS_TIMEOUT).toCompletableFuture();
    CompletableFuture<Ring> ring = currentRing(ADMIN_TIMEOUT).toCompletableFuture();
    CompletableFuture<Handoff.Pending> pending = pendingHandoffs().toCompletableFuture();
    CompletableFuture<AntiEntropy.Status> antiEntropy =
        HttpApi.<AntiEntropy.Command, AntiEntropy.Status>ask(
                node.antiEntropy(), AntiEntropy.GetStatus::new, ADMIN_TIMEOUT, system.scheduler())
            .toCompletableFuture();
    CompletableFuture<TombstoneReaper.Status> reaper =
        HttpApi.<TombstoneReaper.Command, TombstoneReaper.Status>ask(
                node.reaper(), TombstoneReaper.GetStatus::new, ADMIN_TIMEOUT, system.scheduler())
            .toCompletableFuture();
    return respond(
        CompletableFuture.allOf(host, ring, pending, antiEntropy, reaper)
            .thenApply(
                done ->
                    JsonViews.ok(
                        JsonViews.status(
                            host.join(),
                            ring.join(),
                            pending.join(),
                            antiEntropy.join(),
                            reaper.join(),
                            node.budget()))));
  }

  /**
   * Starts an anti-entropy round on this node now, or with {@code ?partition=P} the exchanges
   * of that partition only: 202, or 409 if a round is running (or this node is no primary of P).
   */
  private Route runAntiEntropy(Optional<String> partitionParam) {
    Integer partition = null;
    if (partitionParam.isPresent()) {
      int partitions = node.settings().partitions();
      try {
        partition = Integer.parseInt(partitionParam.get());
      } catch (NumberFormatException e) {
        partition = -1;
      }
      if (partition < 0 || partition >= partitions) {
        return complete(
            ErrorResponses.badRequest(
                "partition", "a partition is a number from 0 to " + (partitions - 1) + ", got " + ErrorResponses.echo(partitionParam.get())));
      }
    }
    Integer chosen = partition;
    return respond(
        HttpApi.<AntiEntropy.Command, AntiEntropy.Started>ask(
                node.antiEntropy(), replyTo -> new AntiEntropy.RunNow(chosen, replyTo), ADMIN_TIMEOUT, system.scheduler())
            .thenApply(
                started -> {
                  ObjectNode body = JsonViews.object();
                  if (!started.started()) {
                    body.put("error", "busy");
                  }
                  body.put("started", started.started());
                  body.put("detail", started.detail());
                  return started.started()
                      ? JsonViews.response(StatusCodes.ACCEPTED, body)
                      : JsonViews.response(StatusCodes.CONFLICT, body);
                }));
  }

  private Route handoff() {
    return respond(pendingHandoffs().thenApply(p -> JsonViews.ok(JsonViews.handoff(p))));
  }

  /** Transfers this node still has to make (hints, ring transition copies, ownership). */
  private CompletionStage<Handoff.Pending> pendingHandoffs() {
    return HttpApi.<Handoff.Command, Handoff.Pending>ask(
        node.handoff(), Handoff.GetPending::new, Duration.ofSeconds(5), system.scheduler());
  }

  private CompletionStage<Ring> currentRing(Duration timeout) {
    return ask(
        node.ring(), RingManager.GetRing::new, timeout, system.scheduler());
  }

  private CompletionStage<ReplicaHost.HostStatus> hostStatus(Duration timeout) {
    return ask(
        node.replicas(), ReplicaHost.GetStatus::new, timeout, system.scheduler());
  }

  // --- plumbing

  static <Req, Res> CompletionStage<Res> ask(
      RecipientRef<Req> to,
      akka.japi.function.Function<ActorRef<Res>, Req> message,
      Duration timeout,
      Scheduler scheduler) {
    return direct(AskPattern.ask(to, message, timeout, scheduler));
  }

  /**
   * The same outcome as a plain CompletableFuture, whose callbacks run on the thread that
   * completes it. Akka's Java API hands out scala-java8-compat stages that run every callback,
   * thenApply and whenComplete included, on the JDK's default async pool; with two cores or
   * fewer that "pool" starts a new thread per callback (the common pool's parallelism is 1),
   * so every request paid for a thread start. The callbacks here only build responses.
   */
  private static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    stage.whenCompleteAsync(
        (value, error) -> {
          if (error == null) {
            plain.complete(value);
          } else {
            plain.completeExceptionally(error);
          }
        },
        Runnable::run);
    return plain;
  }

  private Route methodNotAllowed(akka.http.javadsl.model.HttpMethod... allowed) {
    return complete(ErrorResponses.methodNotAllowed(Arrays.asList(allowed)));
  }

  /** Completes with the answer; a failed stage becomes its JSON error (504 for a timeout). */
  private Route respond(CompletionStage<HttpResponse> response) {
    return completeWithFuture(response.exceptionally(e -> ErrorResponses.fromFailure(e, LOG)));
  }

  /** As {@link #respond}, with akka-http's request deadline raised above the ask's. */
  private Route answer(Duration deadline, CompletionStage<HttpResponse> response) {
    long millis = askTimeout(deadline).plus(ASK_MARGIN).toMillis();
    return withRequestTimeout(
        FiniteDuration.create(millis, TimeUnit.MILLISECONDS), () -> respond(response));
  }

  /** The segments of an unmatched (still encoded) path; empty unless it starts with '/'. */
  private static List<String> segmentsOf(String unmatchedPath) {
    if (!unmatchedPath.startsWith("/")) {
      return List.of();
    }
    return Arrays.asList(unmatchedPath.substring(1).split("/", -1));
  }
}
