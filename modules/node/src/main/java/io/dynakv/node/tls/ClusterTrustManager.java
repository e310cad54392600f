package io.dynakv.node.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust store's verdict on a peer, with a line in the log when it refuses one: which
 * address, which certificate and issuer, and what that means for the cluster. Both sides of
 * a connection check: the accepting node refuses a client certificate of another CA, the
 * connecting node a server certificate of another CA. Artery retries a failed connection
 * every second, so the same refusal is logged at most once a minute.
 */
final class ClusterTrustManager extends X509ExtendedTrustManager {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterTrustManager.class);
  private static final Duration QUIET = Duration.ofMinutes(1);

  private final X509ExtendedTrustManager trust;
  private final Path trustStore;
  private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

  ClusterTrustManager(X509ExtendedTrustManager trust, Path trustStore) {
    this.trust = trust;
    this.trustStore = trustStore;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    asServer(chain, () -> trust.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    asClient(chain, () -> peer(engine), () -> trust.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    asServer(chain, () -> trust.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    asClient(
        chain,
        () -> String.valueOf(socket.getRemoteSocketAddress()),
        () -> trust.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    asServer(chain, () -> trust.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    asClient(chain, () -> "a peer", () -> trust.checkServerTrusted(chain, authType));
  }

  /** One of the JDK trust manager's checks. */
  private interface Check {
    void run() throws CertificateException;
  }

  /** This node accepted a connection: a refused peer certificate is logged, then rethrown. */
  private void asServer(X509Certificate[] chain, Check check) throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      refusedClient(chain, e);
      throw e;
    }
  }

  /** This node connected to a peer: a refused certificate is logged, then rethrown. */
  private void asClient(X509Certificate[] chain, Supplier<String> peer, Check check)
      throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      refusedServer(chain, peer.get(), e);
      throw e;
    }
  }

  /**
   * None named: a server's certificate request then lists no CAs, and a peer with a
   * certificate of another CA presents it anyway instead of an empty chain, which the JDK
   * refuses before any trust manager sees it, so that the refusal could not be logged. Which
   * certificates are accepted is still decided by the trust store, above.
   */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /**
   * The accepting side. Its engine knows only this node's own address (Artery creates it with
   * the bound one), so the peer is named by its certificate.
   */
  private void refusedClient(X509Certificate[] chain, CertificateException e) {
    String certificate = describe(chain);
    if (due("client " + certificate)) {
      LOG.warn(
          "node TLS: refused an incoming connection: the peer's certificate ({}) is not signed by a"
              + " CA in this node's trust store {}, so it is not a node of this cluster; it cannot"
              + " join or send messages ({})",
          certificate,
          trustStore,
          e.getMessage());
    }
  }

  private void refusedServer(X509Certificate[] chain, String peer, CertificateException e) {
    String certificate = describe(chain);
    if (due("server " + certificate)) {
      LOG.warn(
          "node TLS: cannot connect to {}: its certificate ({}) is not signed by a CA in this node's"
              + " trust store {}; that node belongs to another cluster, or this node's certificates"
              + " were made by another CA than the cluster's: this node cannot join ({})",
          peer,
          certificate,
          trustStore,
          e.getMessage());
    }
  }

  private boolean due(String key) {
    Instant now = Instant.now();
    Instant last = lastLogged.get(key);
    if (last != null && last.plus(QUIET).isAfter(now)) {
      return false;
    }
    lastLogged.put(key, now);
    return true;
  }

  private static String peer(SSLEngine engine) {
    return engine == null || engine.getPeerHost() == null
        ? "a peer"
        : engine.getPeerHost() + (engine.getPeerPort() > 0 ? ":" + engine.getPeerPort() : "");
  }

  private static String describe(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return "none";
    }
    return chain[0].getSubjectX500Principal().getName()
        + ", issued by "
        + chain[0].getIssuerX500Principal().getName();
  }
}
