package io.dynakv.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An SSL context that trusts the certificates of one key store (--trust-store). */
final class TrustStores {

  private TrustStores() {}

  static SSLContext sslContext(Path file, String password) {
    try {
      char[] secret = password == null || password.isEmpty() ? null : password.toCharArray();
      // Detects PKCS12 or JKS from the content.
      KeyStore store = KeyStore.getInstance(file.toFile(), secret);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new CliFailure(
          ExitCode.USAGE, "cannot use the trust store " + file + ": " + message.replaceAll("\\s*\\R\\s*", " "));
    }
  }
}
