package io.dynakv.node.metrics;

import akka.actor.typed.ActorSystem;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.storage.NodeStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A node's metrics, created once per node and exported in Prometheus's text format at {@code
 * GET /metrics}. Every meter carries the tag {@code node} (the node id). The parts are handed
 * to whoever updates them, like settings: {@link #requests()} to the HTTP layer, {@link
 * #quorum()} to the coordinators, {@link #status()} to whoever serves the scrape; the store,
 * the admission budget, the JVM and Akka Cluster are read by gauges. The meters are all
 * created up front, so updating one never looks anything up.
 */
public final class NodeMetrics implements AutoCloseable {

  /** The Prometheus text exposition format the scrape is written in. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final RequestMetrics requests;
  private final QuorumMetrics quorum;
  private final StorageMetrics storage;
  private final StatusGauges status;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private NodeMetrics(String nodeId) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node", nodeId);
    requests = new RequestMetrics(registry);
    quorum = new QuorumMetrics(registry);
    storage = new StorageMetrics(registry);
    status = new StatusGauges(registry, nodeId);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The metrics of node {@code nodeId}, the JVM's included; nothing else is bound yet. */
  public static NodeMetrics create(String nodeId) {
    return new NodeMetrics(nodeId);
  }

  /** Exports the store's commit and sync latencies and its size. */
  public NodeMetrics bindStore(NodeStore store) {
    storage.bind(store);
    return this;
  }

  /** Exports admission control's background share and the foreground p99 it acts on. */
  public NodeMetrics bindAdmission(BackgroundBudget budget) {
    Gauge.builder("dynakv.admission.background.share", budget, BackgroundBudget::share)
        .description("Fraction (0..1] of their configured pace that handoff and anti-entropy may use now")
        .strongReference(true)
        .register(registry);
    Gauge.builder("dynakv.admission.foreground.p99", budget, b -> b.lastP99Millis() / 1000.0)
        .description("p99 of foreground replica operations in admission control's last window")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    return this;
  }

  /** Exports Akka Cluster's membership as this node sees it. */
  public NodeMetrics bindCluster(ActorSystem<?> system) {
    ClusterGauges.bind(registry, system);
    return this;
  }

  public RequestMetrics requests() {
    return requests;
  }

  public QuorumMetrics quorum() {
    return quorum;
  }

  public StatusGauges status() {
    return status;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter, in the text format of {@link #CONTENT_TYPE}. */
  public String scrape() {
    return registry.scrape(CONTENT_TYPE);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
