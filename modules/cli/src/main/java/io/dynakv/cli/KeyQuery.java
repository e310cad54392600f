package io.dynakv.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of a key request: {@code r} or {@code w} when given, and {@code timeout} (ms)
 * when --timeout is given, so the node answers 503/504 within it; the CLI itself then waits
 * a little longer than that for the answer.
 */
final class KeyQuery {

  static final Duration MARGIN = Duration.ofSeconds(2);

  private KeyQuery() {}

  static String of(String quorumName, Integer quorum, Duration timeout) {
    List<String> params = new ArrayList<>();
    if (quorum != null) {
      params.add(quorumName + "=" + quorum);
    }
    if (timeout != null) {
      params.add("timeout=" + timeout.toMillis());
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  /** A client for a key request: the node's deadline plus a margin, or the default. */
  static NodeClient client(DynakvCommand cli) {
    Duration timeout = cli.timeoutOption();
    return cli.node(cli.nodeUrl(), timeout == null ? cli.requestTimeout() : timeout.plus(MARGIN));
  }
}
