package io.dynakv.node.routing;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ClusterEvent;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.ring.Transfers;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.cluster.ClusterView;
import io.dynakv.node.coordinator.GetCoordinator;
import io.dynakv.node.coordinator.GetRequest;
import io.dynakv.node.coordinator.PutCoordinator;
import io.dynakv.node.coordinator.PutRequest;
import io.dynakv.node.metrics.QuorumMetrics;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.ring.RingManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places each validated request: computes the key's sloppy preference list from the current
 * ring and the reachable members, then starts a coordinator here if this node is on the list,
 * or forwards the request to the router of the first target that is.
 *
 * <p>A forwarded put is coordinated at most once. The receiving router does not start it: it
 * holds it and answers {@link Accepted}; only the forwarding node's {@link Go} starts the
 * coordinator. The forwarder sends one {@code Go} at most, to the first node that accepted in
 * time, and never moves on after it; a node that accepts too late holds the put until it
 * expires and never coordinates it. (Starting on receipt, as before, let a slow node and the
 * next one both coordinate one write: two dots for one value.)
 */
public final class RequestRouter extends AbstractBehavior<RequestRouter.Command> {

  public static final String NAME = "router";

  /** How long a forwarded put may wait for the receiving node to confirm it. */
  private static final Duration FORWARD_ACCEPT_TIMEOUT = Duration.ofMillis(500);

  public interface Command extends CborSerializable {}

  public record RouteGet(GetRequest request) implements Command {}

  /**
   * A put to place. {@code forwardId} and {@code accepted} are set when another router
   * forwarded it: this router then holds the put, answers {@link Accepted} at once (so the
   * forwarding node can tell a live node from one not yet known dead) and coordinates it only
   * on the matching {@link Go}.
   */
  public record RoutePut(PutRequest request, int hops, String forwardId, ActorRef<Accepted> accepted)
      implements Command {}

  /** This node holds the forwarded put {@code forwardId} and will coordinate it on {@link Go}. */
  public record Accepted(String forwardId, String node) implements CborSerializable {}

  /** Coordinate the held put {@code forwardId}. Sent once at most per forwarded put. */
  public record Go(String forwardId) implements Command {}

  private record ForwardExpired(String forwardId) implements Command {}

  /** The preference list this node would use for a key now (for /v1/preflist). */
  public record GetPreferenceList(int partition, int n, ActorRef<PreferenceList> replyTo)
      implements Command {}

  private record RingUpdated(Ring ring) implements Command {}

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  public static Behavior<Command> create(
      String selfNode,
      Partitioning partitioning,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<ReplicaHost.Command> localHost,
      Duration readRepairWait,
      QuorumMetrics metrics) {
    return Behaviors.withStash(
        10_000,
        stash ->
            Behaviors.setup(
                ctx ->
                    Behaviors.withTimers(
                        timers ->
                            new RequestRouter(
                                ctx,
                                timers,
                                selfNode,
                                partitioning,
                                ringManager,
                                localHost,
                                readRepairWait,
                                metrics,
                                stash))));
  }

  private final String selfNode;
  private final Partitioning partitioning;
  private final ActorRef<ReplicaHost.Command> localHost;
  private final Duration readRepairWait;
  private final QuorumMetrics metrics;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private final Map<String, ActorRef<ReplicaHost.Command>> remoteHosts = new HashMap<>();
  private final Map<String, ActorRef<Command>> remoteRouters = new HashMap<>();
  // Requests that arrive before the first ring wait here.
  private final StashBuffer<Command> stash;
  private final TimerScheduler<Command> timers;
  // Forwarded puts accepted here and waiting for their Go, by forward id.
  private final Map<String, PutRequest> held = new HashMap<>();
  private Ring ring;

  private RequestRouter(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String selfNode,
      Partitioning partitioning,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<ReplicaHost.Command> localHost,
      Duration readRepairWait,
      QuorumMetrics metrics,
      StashBuffer<Command> stash) {
    super(context);
    this.metrics = metrics;
    this.stash = stash;
    this.timers = timers;
    this.selfNode = selfNode;
    this.partitioning = partitioning;
    this.localHost = localHost;
    this.readRepairWait = readRepairWait;
    this.cluster = new ClusterView(selfNode);
    this.resolver = ActorRefResolver.get(context.getSystem());
    ringManager.tell(
        new RingManager.Subscribe(context.messageAdapter(Ring.class, RingUpdated::new)));
    ClusterView.subscribe(context, ClusterChanged::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RouteGet.class, this::onRouteGet)
        .onMessage(RoutePut.class, this::onRoutePut)
        .onMessage(Go.class, this::onGo)
        .onMessage(ForwardExpired.class, this::onForwardExpired)
        .onMessage(GetPreferenceList.class, this::onGetPreferenceList)
        .onMessage(RingUpdated.class, this::onRingUpdated)
        .onMessage(ClusterChanged.class, this::onClusterChanged)
        .build();
  }

  private Behavior<Command> onRouteGet(RouteGet msg) {
    GetRequest req = msg.request();
    if (ring == null) {
      return waitForRing(msg);
    }
    // A read needs no local replica: any node can coordinate it, so it never takes a hop.
    PreferenceList list = preferenceList(partitioning.partitionOf(req.key()), req.n());
    // Spares stand in for a target that answers it holds no replica (a ring change we lag).
    List<String> spares = spares(list);
    Map<String, ActorRef<ReplicaHost.Command>> hosts = new HashMap<>(hostsOf(list));
    spares.forEach(n -> hosts.put(n, hostOf(n)));
    getContext()
        .spawnAnonymous(
            GetCoordinator.create(
                req, list, spares, Map.copyOf(hosts)::get, readRepairWait, metrics));
    return this;
  }

  private Behavior<Command> onRoutePut(RoutePut msg) {
    PutRequest req = msg.request();
    if (ring == null) {
      return waitForRing(msg);
    }
    PreferenceList list = preferenceList(partitioning.partitionOf(req.key()), req.n());
    if (list.contains(selfNode) || list.targets().isEmpty()) {
      if (msg.accepted() != null) {
        // Forwarded: wait for the forwarder's Go; it may already have moved on to another node.
        held.put(msg.forwardId(), req);
        timers.startSingleTimer(msg.forwardId(), new ForwardExpired(msg.forwardId()), req.timeout());
        msg.accepted().tell(new Accepted(msg.forwardId(), selfNode));
      } else {
        coordinate(req, list);
      }
    } else if (msg.hops() > 0) {
      // Our views of the ring or of reachability differ from the forwarding node's; refuse
      // rather than bounce the request around.
      req.replyTo().tell(ringChanging(req));
    } else {
      List<ActorRef<Command>> routers = list.nodes().stream().map(this::routerOf).toList();
      metrics.forwardedPut();
      getContext().spawnAnonymous(PutForwarder.create(req, routers, FORWARD_ACCEPT_TIMEOUT));
    }
    return this;
  }

  private Behavior<Command> onGo(Go msg) {
    PutRequest req = held.remove(msg.forwardId());
    if (req == null) {
      getContext().getLog().debug("go for {} after it expired", msg.forwardId());
      return this;
    }
    timers.cancel(msg.forwardId());
    PreferenceList list = preferenceList(partitioning.partitionOf(req.key()), req.n());
    if (list.contains(selfNode) || list.targets().isEmpty()) {
      coordinate(req, list);
    } else {
      req.replyTo().tell(ringChanging(req));
    }
    return this;
  }

  private Behavior<Command> onForwardExpired(ForwardExpired msg) {
    held.remove(msg.forwardId());
    return this;
  }

  private void coordinate(PutRequest req, PreferenceList list) {
    List<String> spares = spares(list);
    // A ring in transition: the replicas taking the partition over get every write too, so
    // nothing written after their copy started is missing when they begin to serve.
    List<String> incoming =
        Transfers.incoming(ring, list.partition(), req.n()).stream()
            .filter(node -> !list.contains(node) && cluster.isReachable(node))
            .toList();
    Map<String, ActorRef<ReplicaHost.Command>> hosts = new HashMap<>(hostsOf(list));
    spares.forEach(n -> hosts.put(n, hostOf(n)));
    incoming.forEach(n -> hosts.put(n, hostOf(n)));
    getContext()
        .spawnAnonymous(
            PutCoordinator.create(
                req, list, spares, incoming, selfNode, Map.copyOf(hosts)::get, metrics));
  }

  private static KvResponse ringChanging(PutRequest req) {
    return new KvResponse.Unavailable(
        "quorum not met",
        0,
        req.w(),
        "no node of the preference list could coordinate the write; the ring is changing");
  }

  private Behavior<Command> waitForRing(Command msg) {
    if (stash.isFull()) {
      getContext().getLog().warn("no ring yet and the stash is full: dropping a request");
    } else {
      stash.stash(msg);
    }
    return this;
  }

  private Behavior<Command> onGetPreferenceList(GetPreferenceList msg) {
    if (ring == null) {
      return waitForRing(msg);
    }
    msg.replyTo().tell(preferenceList(msg.partition(), msg.n()));
    return this;
  }

  /** Reachable nodes further along the walk than the targets: stand-ins if a target is silent. */
  private List<String> spares(PreferenceList list) {
    return PreferenceList.walk(ring, list.partition()).stream()
        .filter(node -> !list.contains(node) && cluster.isReachable(node))
        .toList();
  }

  private PreferenceList preferenceList(int partition, int n) {
    return PreferenceList.sloppy(ring, partition, n, cluster::isReachable);
  }

  private Behavior<Command> onRingUpdated(RingUpdated msg) {
    boolean first = ring == null;
    ring = msg.ring();
    return first ? stash.unstashAll(this) : this;
  }

  private Behavior<Command> onClusterChanged(ClusterChanged msg) {
    cluster.apply(msg.event());
    if (msg.event() instanceof ClusterEvent.MemberEvent) {
      // Addresses may have changed (a node restarted): resolve references afresh.
      remoteHosts.clear();
      remoteRouters.clear();
    }
    return this;
  }

  /** Resolved here, handed to the coordinator as an immutable map: it runs on its own. */
  private Map<String, ActorRef<ReplicaHost.Command>> hostsOf(PreferenceList list) {
    Map<String, ActorRef<ReplicaHost.Command>> hosts = new HashMap<>();
    list.nodes().forEach(n -> hosts.put(n, hostOf(n)));
    return Map.copyOf(hosts);
  }

  private ActorRef<ReplicaHost.Command> hostOf(String node) {
    if (node.equals(selfNode)) {
      return localHost;
    }
    return remoteHosts.computeIfAbsent(node, n -> resolve(n, ReplicaHost.NAME));
  }

  private ActorRef<Command> routerOf(String node) {
    if (node.equals(selfNode)) {
      return getContext().getSelf();
    }
    return remoteRouters.computeIfAbsent(node, n -> resolve(n, NAME));
  }

  private <T> ActorRef<T> resolve(String node, String actorName) {
    return cluster
        .<T>actorOn(resolver, node, actorName)
        .orElseThrow(() -> new IllegalStateException("no address known for " + node));
  }
}
