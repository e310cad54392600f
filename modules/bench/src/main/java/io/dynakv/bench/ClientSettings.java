package io.dynakv.bench;

import io.dynakv.client.Routing;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where requests go and the per-request knobs sent with them.
 *
 * @param targets the nodes the client starts from (with client-driven routing it learns the
 *     others from the ring)
 * @param routing to the key's preference list (client) or to the targets in turn (any-node)
 * @param r sent as the {@code r} query parameter on every GET when present
 * @param w sent as the {@code w} query parameter on every PUT when present
 * @param serverTimeoutMs sent as the {@code timeout} query parameter when present
 * @param timeout how long the client waits for an answer before counting a "timeout" error
 */
public record ClientSettings(
    List<URI> targets,
    Routing routing,
    OptionalInt r,
    OptionalInt w,
    OptionalInt serverTimeoutMs,
    Duration timeout) {

  /** "client" or "any-node", as the option spells them. */
  public String routingName() {
    return routing == Routing.CLIENT_DRIVEN ? "client" : "any-node";
  }

  /** The option's spelling: client or any-node. */
  public static Routing parseRouting(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "client" -> Routing.CLIENT_DRIVEN;
      case "any-node" -> Routing.ANY_NODE;
      default -> throw new IllegalArgumentException("expected client or any-node, got '" + text + "'");
    };
  }

  public String describeQuorum() {
    return String.format(
        "r=%s w=%s server timeout=%s",
        r.isPresent() ? r.getAsInt() : "bucket default",
        w.isPresent() ? w.getAsInt() : "bucket default",
        serverTimeoutMs.isPresent() ? serverTimeoutMs.getAsInt() + " ms" : "default");
  }
}
