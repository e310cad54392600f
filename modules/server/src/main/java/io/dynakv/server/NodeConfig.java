package io.dynakv.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;

/**
 * Loads the node's configuration the usual Typesafe way (system properties over
 * {@code -Dconfig.file} or application.conf over this server's defaults in dynakv-server.conf
 * over every reference.conf), with one fix-up: the
 * data dir becomes absolute, because the H2 URL built from it must not be relative.
 */
public final class NodeConfig {

  private NodeConfig() {}

  public static Config load() {
    ConfigFactory.invalidateCaches();
    Config unresolved =
        ConfigFactory.defaultOverrides()
            .withFallback(ConfigFactory.defaultApplication())
            .withFallback(ConfigFactory.parseResources("dynakv-server.conf"))
            .withFallback(ConfigFactory.defaultReferenceUnresolved());
    String dataDir = unresolved.resolve().getString("dynakv.node.data-dir");
    String absolute = Path.of(dataDir).toAbsolutePath().normalize().toString();
    return unresolved
        .withValue("dynakv.node.data-dir", ConfigValueFactory.fromAnyRef(absolute))
        .resolve();
  }
}
