package io.dynakv.it.history;

import io.dynakv.client.DynakvClient;
import io.dynakv.client.DynakvException;
import io.dynakv.client.RequestRejectedException;
import io.dynakv.client.RetryPolicy;
import io.dynakv.client.Routing;
import io.dynakv.client.UnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the workloads reach the nodes: through the Java client, as applications do. A workload
 * that spreads its clients over the cluster shares one client-driven client (failover and
 * retries included); one that must talk to a given node (to make siblings on purpose, or to
 * read each replica's view) pins a client to it that tries that node once.
 */
final class WorkloadClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private WorkloadClients() {}

  /** Routes by the ring over {@code nodes}, failing over and retrying as the client does. */
  static DynakvClient cluster(List<URI> nodes) {
    return DynakvClient.builder()
        .nodes(nodes)
        .connectTimeout(CONNECT_TIMEOUT)
        .requestTimeout(REQUEST_TIMEOUT)
        .build();
  }

  /**
   * Sends every request to {@code node}, once.
   *
   * @param query "" or "?r=N": the read quorum to ask for
   */
  static DynakvClient pinned(URI node, String query) {
    DynakvClient.Builder builder =
        DynakvClient.builder()
            .nodes(List.of(node))
            .routing(Routing.ANY_NODE)
            .retryPolicy(RetryPolicy.failoverOnly())
            .connectTimeout(CONNECT_TIMEOUT)
            .requestTimeout(REQUEST_TIMEOUT);
    if (query.startsWith("?r=")) {
      builder.readQuorum(Integer.parseInt(query.substring(3)));
    } else if (!query.isEmpty()) {
      throw new IllegalArgumentException("only ?r=N is understood, got " + query);
    }
    return builder.build();
  }

  /**
   * What a failed write says about it: rejected (4xx) or never sent is FAIL, anything else may
   * have been stored (UNKNOWN).
   */
  static Operation.Outcome outcomeOf(DynakvException failure) {
    if (failure instanceof RequestRejectedException) {
      return Operation.Outcome.FAIL;
    }
    if (failure instanceof UnavailableException u && !u.possiblyWritten()) {
      return Operation.Outcome.FAIL;
    }
    return Operation.Outcome.UNKNOWN;
  }
}
