package io.dynakv.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.DynakvNode;
import io.dynakv.node.antientropy.AntiEntropy;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.metrics.NodeMetrics;
import io.dynakv.node.metrics.StatusGauges;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.ring.RingManager;
import io.dynakv.node.tombstone.TombstoneReaper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * {@code GET /metrics}: the node's metrics in Prometheus's text format. First the actors are
 * asked for the state they keep for {@code /v1/status} (in parallel, as that route does), so the
 * gauges over it are current; an actor that does not answer in time leaves its previous values,
 * and the scrape is served anyway.
 */
final class MetricsRoute extends AllDirectives {

  private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(3);
  private static final ContentType CONTENT_TYPE = ContentTypes.parse(NodeMetrics.CONTENT_TYPE);

  private final DynakvNode.NodeHandle node;
  private final ActorSystem<?> system;

  MetricsRoute(DynakvNode.NodeHandle node, ActorSystem<?> system) {
    this.node = node;
    this.system = system;
  }

  Route route() {
    return path(
        "metrics",
        () ->
            concat(
                get(this::scrape),
                complete(ErrorResponses.methodNotAllowed(List.of(HttpMethods.GET)))));
  }

  private Route scrape() {
    return completeWithFuture(
        refresh()
            .thenApply(
                done ->
                    HttpResponse.create()
                        .withEntity(HttpEntities.create(
                                CONTENT_TYPE,
                                node.metrics().scrape().getBytes(StandardCharsets.UTF_8)))));
  }

  private CompletableFuture<Void> refresh() {
    StatusGauges status = node.metrics().status();
    return CompletableFuture.allOf(
        update(
            HttpApi.<ReplicaHost.Command, ReplicaHost.HostStatus>ask(
                node.replicas(), ReplicaHost.GetStatus::new, REFRESH_TIMEOUT, system.scheduler()),
            status::host),
        update(
            HttpApi.<RingManager.Command, Ring>ask(
                node.ring(), RingManager.GetRing::new, REFRESH_TIMEOUT, system.scheduler()),
            status::ring),
        update(
            HttpApi.<Handoff.Command, Handoff.Pending>ask(
                node.handoff(), Handoff.GetPending::new, REFRESH_TIMEOUT, system.scheduler()),
            status::handoff),
        update(
            HttpApi.<AntiEntropy.Command, AntiEntropy.Status>ask(
                node.antiEntropy(), AntiEntropy.GetStatus::new, REFRESH_TIMEOUT, system.scheduler()),
            status::antiEntropy),
        update(
            HttpApi.<TombstoneReaper.Command, TombstoneReaper.Status>ask(
                node.reaper(), TombstoneReaper.GetStatus::new, REFRESH_TIMEOUT, system.scheduler()),
            status::reaper));
  }

  /** Hands an answer to the gauges; a failed ask completes too, changing nothing. */
  private static <T> CompletableFuture<Void> update(CompletionStage<T> answer, Consumer<T> into) {
    return answer.thenAccept(into).exceptionally(e -> null).toCompletableFuture();
  }
}
