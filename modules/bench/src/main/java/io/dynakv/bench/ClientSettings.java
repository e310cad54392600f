package io.dynakv.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where requests go and the per-request knobs sent with them.
 *
 * @param r sent as the {@code r} query parameter on every GET when present
 * @param w sent as the {@code w} query parameter on every PUT when present
 * @param serverTimeoutMs sent as the {@code timeout} query parameter when present
 * @param timeout how long the client waits for an answer before counting a "timeout" error
 */
public record ClientSettings(
    List<URI> targets,
    TargetSpread spread,
    OptionalInt r,
    OptionalInt w,
    OptionalInt serverTimeoutMs,
    Duration timeout) {

  public String describeQuorum() {
    return String.format(
        "r=%s w=%s server timeout=%s",
        r.isPresent() ? r.getAsInt() : "bucket default",
        w.isPresent() ? w.getAsInt() : "bucket default",
        serverTimeoutMs.isPresent() ? serverTimeoutMs.getAsInt() + " ms" : "default");
  }
}
