package io.dynakv.http;

import com.typesafe.config.Config;
import io.dynakv.http.auth.AccessCheck;
import io.dynakv.http.auth.AccessPolicy;
import io.dynakv.http.auth.TokensFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What the HTTP layer reads from the configuration, checked and loaded once at startup: who
 * may do what ({@code dynakv.security.http.*}), HTTPS ({@code dynakv.http.tls.*}) and the
 * per-client limit. Every problem, an unreadable tokens file or key store included, is an
 * {@link IllegalArgumentException} with one line, on which the server refuses to start.
 */
public final class HttpSettings {

  private final Optional<AccessCheck> access;
  private final Optional<SSLContext> tls;
  private final int maxConcurrentPerClient;

  private HttpSettings(
      Optional<AccessCheck> access, Optional<SSLContext> tls, int maxConcurrentPerClient) {
    this.access = access;
    this.tls = tls;
    this.maxConcurrentPerClient = maxConcurrentPerClient;
  }

  public static HttpSettings create(Config config) {
    return new HttpSettings(
        access(config),
        tls(config),
        config.getInt("dynakv.limits.max-concurrent-requests-per-client"));
  }

  /** The access check, or empty when auth is off. */
  public Optional<AccessCheck> access() {
    return access;
  }

  /** The server's TLS context, or empty for plain HTTP. */
  public Optional<SSLContext> tls() {
    return tls;
  }

  public int maxConcurrentPerClient() {
    return maxConcurrentPerClient;
  }

  private static Optional<AccessCheck> access(Config config) {
    if (!config.getBoolean("dynakv.security.http.auth")) {
      return Optional.empty();
    }
    String file = config.getString("dynakv.security.http.tokens-file");
    if (file.isBlank()) {
      throw new IllegalArgumentException(
          "dynakv.security.http.auth is on but dynakv.security.http.tokens-file is not set:"
              + " name a tokens file (deploy/make-tokens.sh writes one), or set auth = off"
              + " for development only");
    }
    return Optional.of(
        new AccessCheck(
            new AccessPolicy(config.getBoolean("dynakv.security.http.open-metrics")),
            TokensFile.read(Path.of(file))));
  }

  private static Optional<SSLContext> tls(Config config) {
    if (!config.getBoolean("dynakv.http.tls.enabled")) {
      return Optional.empty();
    }
    String file = config.getString("dynakv.http.tls.key-store");
    if (file.isBlank()) {
      throw new IllegalArgumentException(
          "dynakv.http.tls.enabled is on but dynakv.http.tls.key-store is not set: name a PKCS12"
              + " key store with the server's key and certificate");
    }
    char[] password = config.getString("dynakv.http.tls.key-store-password").toCharArray();
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return Optional.of(context);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "dynakv.http.tls.key-store " + file + " cannot be used: " + oneLine(e));
    }
  }

  private static String oneLine(Exception e) {
    Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    String message = cause.getMessage();
    return (message == null ? cause.getClass().getSimpleName() : message)
        .replaceAll("\\s*\\R\\s*", " ");
  }
}
