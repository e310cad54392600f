package io.dynakv.node.storage;

import akka.actor.AbstractExtensionId;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.actor.ExtensionIdProvider;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The node's {@link NodeStore}, one per actor system: opened on first use from {@code
 * dynakv.storage} and {@code dynakv.node.data-dir}, closed when the actor system terminates
 * (after every actor, the journal included, has stopped).
 */
public final class NodeStorage implements Extension {

  public static final Id ID = new Id();

  public static final class Id extends AbstractExtensionId<NodeStorage> implements ExtensionIdProvider {
    @Override
    public NodeStorage createExtension(ExtendedActorSystem system) {
      NodeStorage storage = new NodeStorage(open(system.settings().config()));
      system.registerOnTermination(storage.store::close);
      return storage;
    }

    @Override
    public Id lookup() {
      return ID;
    }
  }

  private final NodeStore store;

  private NodeStorage(NodeStore store) {
    this.store = store;
  }

  public static NodeStore get(akka.actor.ActorSystem system) {
    return ID.get(system).store;
  }

  public static NodeStore get(akka.actor.typed.ActorSystem<?> system) {
    return get(akka.actor.typed.javadsl.Adapter.toClassic(system));
  }

  /** The store directory of a node with this configuration. */
  public static Path directory(Config config) {
    return Path.of(config.getString("dynakv.node.data-dir"), "store");
  }

  public static NodeStore.Settings settings(Config config) {
    Config c = config.getConfig("dynakv.storage");
    Duration interval = c.getDuration("sync-interval");
    return new NodeStore.Settings(
        c.getBytes("cache-size"),
        c.getBytes("write-buffer-size"),
        SyncMode.of(c.getString("sync"), interval));
  }

  private static NodeStore open(Config config) {
    return NodeStore.open(directory(config), settings(config));
  }
}
