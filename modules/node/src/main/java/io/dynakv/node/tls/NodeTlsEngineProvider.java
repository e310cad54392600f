package io.dynakv.node.tls;

import akka.actor.ActorSystem;
import akka.event.LogSource;
import akka.event.Logging;
import akka.remote.artery.tcp.ConfigSSLEngineProvider;
import java.util.Arrays;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Artery's TLS engines for a node with {@code dynakv.security.tls.enabled}: Akka's
 * {@code ConfigSSLEngineProvider} (mutual authentication, PKCS12 stores) configured from
 * {@link TlsSettings}, whose trust managers say in the node's log which peer was refused and
 * why ({@link ClusterTrustManager}) — Akka's own lines only tell that a stream failed.
 * Akka creates it by name, with the actor system ({@code ssl-engine-provider}).
 */
public final class NodeTlsEngineProvider extends ConfigSSLEngineProvider {

  private final TlsSettings settings;

  public NodeTlsEngineProvider(ActorSystem system) {
    this(TlsSettings.create(system.settings().config()), system);
  }

  private NodeTlsEngineProvider(TlsSettings settings, ActorSystem system) {
    super(settings.engineConfig(), Logging.withMarker(system, ConfigSSLEngineProvider.class.getName(), LogSource.fromString()));
    this.settings = settings;
  }

  @Override
  public TrustManager[] trustManagers() {
    return Arrays.stream(super.trustManagers())
        .map(m -> m instanceof X509ExtendedTrustManager x ? new ClusterTrustManager(x, settings.trustStore()) : m)
        .toArray(TrustManager[]::new);
  }
}
