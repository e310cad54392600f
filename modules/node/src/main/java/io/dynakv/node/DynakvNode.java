package io.dynakv.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.SingletonActor;
import io.dynakv.core.ring.NodeAdmission;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.node.antientropy.AntiEntropy;
import io.dynakv.node.api.KvService;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.metrics.NodeMetrics;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.admission.AdmissionMonitor;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.ring.Claimant;
import io.dynakv.node.tombstone.TombstoneReaper;
import io.dynakv.node.ring.RingManager;
import io.dynakv.node.routing.RequestRouter;
import io.dynakv.node.storage.NodeStorage;
import io.dynakv.node.storage.NodeStore;
import java.time.Clock;

/**
 * The guardian of a node: starts its actors under fixed names (other nodes address
 * {@code /user/replicas} and {@code /user/router}) and hands their references out.
 */
public final class DynakvNode {

  public interface Command {}

  public record GetHandle(ActorRef<NodeHandle> replyTo) implements Command {}

  /** The references the HTTP layer and co-located callers use. */
  public record NodeHandle(
      NodeSettings settings,
      ActorRef<KvService.Command> kv,
      ActorRef<RingManager.Command> ring,
      ActorRef<ReplicaHost.Command> replicas,
      ActorRef<RequestRouter.Command> router,
      ActorRef<BucketRegistry.Command> buckets,
      ActorRef<Handoff.Command> handoff,
      ActorRef<AntiEntropy.Command> antiEntropy,
      ActorRef<Claimant.Command> claimant,
      BackgroundBudget budget,
      ActorRef<TombstoneReaper.Command> reaper,
      NodeMetrics metrics) {}

  private DynakvNode() {}

  /** The node's behavior; its store is the actor system's ({@link NodeStorage}). */
  public static Behavior<Command> create(NodeSettings settings) {
    return Behaviors.setup(
        ctx -> {
          Cluster cluster = Cluster.get(ctx.getSystem());
          if (ctx.getSystem().settings().config().getStringList("akka.cluster.seed-nodes").isEmpty()) {
            // No seed nodes configured: this node forms a cluster of its own.
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
          }
          NodeStore store = NodeStorage.get(ctx.getSystem());
          BackgroundBudget budget = new BackgroundBudget();
          NodeMetrics metrics =
              NodeMetrics.create(settings.nodeId())
                  .bindStore(store)
                  .bindAdmission(budget)
                  .bindCluster(ctx.getSystem());
          ctx.getSystem().getWhenTerminated().thenRun(metrics::close);
          ctx.spawn(AdmissionMonitor.create(settings.admission(), budget), "admission");
          ActorRef<Claimant.Command> claimant =
              ClusterSingleton.get(ctx.getSystem())
                  .init(
                      SingletonActor.of(
                          Claimant.create(
                              settings.nodeId(),
                              settings.partitions(),
                              settings.targetN(),
                              settings.claimSettle(),
                              NodeAdmission.listing(settings.admittedNodes())),
                          "claimant"));
          ActorRef<RingManager.Command> ring =
              ctx.spawn(
                  RingManager.create(settings.nodeId(), claimant, settings.ringGossipInterval()),
                  RingManager.NAME);
          ActorRef<ReplicaHost.Command> replicas =
              ctx.spawn(
                  ReplicaHost.create(
                      settings.nodeId(),
                      settings.partitions(),
                      settings.targetN(),
                      settings.handoff().maxHintedBytes(),
                      settings.limits(),
                      store,
                      ring,
                      budget,
                      settings.unsafePersistDelay()),
                  ReplicaHost.NAME);
          ActorRef<RequestRouter.Command> router =
              ctx.spawn(
                  RequestRouter.create(
                      settings.nodeId(),
                      new Partitioning(settings.partitions()),
                      ring,
                      replicas,
                      settings.readRepairWait(),
                      metrics.quorum()),
                  RequestRouter.NAME);
          ActorRef<BucketRegistry.Command> buckets =
              ctx.spawn(
                  BucketRegistry.create(
                      settings.nodeId(),
                      settings.defaultProps(),
                      settings.ringGossipInterval(),
                      Clock.systemUTC()),
                  BucketRegistry.NAME);
          ActorRef<KvService.Command> kv =
              ctx.spawn(
                  KvService.create(
                      new KvService.Settings(
                          settings.limits(), settings.requestTimeout(), settings.maxRequestTimeout()),
                      buckets,
                      router,
                      Clock.systemUTC()),
                  KvService.NAME);
          ActorRef<Handoff.Command> handoff =
              ctx.spawn(
                  Handoff.create(
                      settings.nodeId(),
                      settings.handoff(),
                      replicas,
                      ring,
                      buckets,
                      claimant,
                      budget),
                  Handoff.NAME);
          ActorRef<AntiEntropy.Command> antiEntropy =
              ctx.spawn(
                  AntiEntropy.create(
                      settings.nodeId(),
                      settings.antiEntropy(),
                      replicas,
                      ring,
                      buckets,
                      budget,
                      Clock.systemUTC()),
                  AntiEntropy.NAME);
          ActorRef<TombstoneReaper.Command> reaper =
              ctx.spawn(
                  TombstoneReaper.create(
                      settings.nodeId(),
                      settings.tombstones(),
                      replicas,
                      handoff,
                      ring,
                      buckets,
                      Clock.systemUTC()),
                  TombstoneReaper.NAME);
          NodeHandle handle =
              new NodeHandle(
                  settings,
                  kv,
                  ring,
                  replicas,
                  router,
                  buckets,
                  handoff,
                  antiEntropy,
                  claimant,
                  budget,
                  reaper,
                  metrics);
          return Behaviors.receive(Command.class)
              .onMessage(
                  GetHandle.class,
                  msg -> {
                    msg.replyTo().tell(handle);
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
