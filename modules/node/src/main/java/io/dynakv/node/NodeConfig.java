package io.dynakv.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.dynakv.node.tls.TlsSettings;
import java.nio.file.Path;

/**
 * Loads a node's configuration. Layers, highest priority first: the caller's overrides,
 * system properties, the operator's file ({@code -Dconfig.file}, else application.conf), the
 * caller's extra resources, {@code dynakv-node.conf} (what dynakv needs from Akka and the
 * journal plugin), then every reference.conf. Two fix-ups: the data dir becomes absolute,
 * so the store and snapshot paths built from it do not depend on the working directory; and
 * with {@code dynakv.security.tls.enabled} Artery's transport becomes tls-tcp with dynakv's
 * engine provider (TlsSettings.artery), whatever the operator set for it.
 */
public final class NodeConfig {

  private NodeConfig() {}

  public static Config load() {
    return load(ConfigFactory.empty());
  }

  public static Config load(Config overrides, String... extraResources) {
    ConfigFactory.invalidateCaches();
    Config unresolved =
        overrides
            .withFallback(ConfigFactory.defaultOverrides())
            .withFallback(ConfigFactory.defaultApplication())
            .withFallback(defaultsUnresolved(extraResources));
    String dataDir = unresolved.resolve().getString("dynakv.node.data-dir");
    String absolute = Path.of(dataDir).toAbsolutePath().normalize().toString();
    Config resolved =
        unresolved.withValue("dynakv.node.data-dir", ConfigValueFactory.fromAnyRef(absolute)).resolve();
    return TlsSettings.enabledIn(resolved) ? TlsSettings.artery().withFallback(resolved) : resolved;
  }

  /**
   * What {@link #load} falls back on when the operator sets nothing: the extra resources,
   * {@code dynakv-node.conf} and every reference.conf. Its keys under {@code dynakv.} are all
   * the keys a node knows ({@link ConfigValidation}).
   */
  public static Config defaults(String... extraResources) {
    return defaultsUnresolved(extraResources).resolve();
  }

  private static Config defaultsUnresolved(String... extraResources) {
    Config layered = ConfigFactory.empty();
    for (String resource : extraResources) {
      layered = layered.withFallback(ConfigFactory.parseResources(resource));
    }
    return layered
        .withFallback(ConfigFactory.parseResources("dynakv-node.conf"))
        .withFallback(ConfigFactory.defaultReferenceUnresolved());
  }
}
