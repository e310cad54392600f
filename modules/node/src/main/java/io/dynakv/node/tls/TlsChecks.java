package io.dynakv.node.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.dynakv.node.ConfigCheck;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The checks of {@code dynakv.security.tls}'s files, applied only while TLS is enabled: each
 * store must exist, open with the password in its file, hold what it is for (a private key
 * with its certificate; CA certificates), and the node's certificate must be valid today and
 * signed by a CA of the trust store — otherwise Akka would find out at the first connection,
 * and only say that a stream failed. These checks read the files they name.
 */
public final class TlsChecks {

  static final String ENABLED = TlsSettings.PATH + ".enabled";
  static final String KEY_STORE = TlsSettings.PATH + ".key-store";
  static final String KEY_STORE_PASSWORD_FILE = TlsSettings.PATH + ".key-store-password-file";
  static final String TRUST_STORE = TlsSettings.PATH + ".trust-store";
  static final String TRUST_STORE_PASSWORD_FILE = TlsSettings.PATH + ".trust-store-password-file";
  private static final String MAKE_ONE = "; make the stores with deploy/make-certs.sh (bin/dynakv-certs)";

  private TlsChecks() {}

  /** A password file: readable, its first line not empty. */
  public static ConfigCheck passwordFile() {
    return whenEnabled(
        (config, path) -> {
          Optional<String> file = existingFile(config, path, "the file holding the password");
          if (file.isPresent()) {
            return file;
          }
          try {
            return TlsSettings.readPassword(Path.of(config.getString(path))).isEmpty()
                ? Optional.of("its first line, the password, is empty")
                : Optional.empty();
          } catch (IOException e) {
            return Optional.of("cannot read " + absolute(config, path) + ": " + reason(e));
          }
        });
  }

  /** The node's key store: a private key whose certificate the trust store accepts. */
  public static ConfigCheck keyStore() {
    return whenEnabled(
        (config, path) -> {
          Optional<String> problem = existingFile(config, path, "this node's PKCS12 key store");
          if (problem.isPresent()) {
            return problem;
          }
          Optional<KeyStore> store = open(config, path, KEY_STORE_PASSWORD_FILE);
          if (store.isEmpty()) {
            return opening(config, path, KEY_STORE_PASSWORD_FILE);
          }
          try {
            Optional<String> alias =
                Collections.list(store.get().aliases()).stream().filter(a -> isKey(store.get(), a)).findFirst();
            if (alias.isEmpty()) {
              return Optional.of("holds no private key (is it a trust store?)" + MAKE_ONE);
            }
            Certificate[] chain = store.get().getCertificateChain(alias.get());
            X509Certificate[] x509 = Arrays.copyOf(chain, chain.length, X509Certificate[].class);
            Date now = new Date();
            if (x509[0].getNotAfter().before(now)) {
              return Optional.of(
                  "its certificate (" + subject(x509[0]) + ") expired on " + x509[0].getNotAfter().toInstant() + MAKE_ONE);
            }
            if (x509[0].getNotBefore().after(now)) {
              return Optional.of(
                  "its certificate (" + subject(x509[0]) + ") is valid only from " + x509[0].getNotBefore().toInstant());
            }
            return signedByTrusted(config, x509);
          } catch (GeneralSecurityException | ArrayStoreException e) {
            return Optional.of("cannot read its key: " + e.getMessage());
          }
        });
  }

  /** The trust store: at least one CA certificate. */
  public static ConfigCheck trustStore() {
    return whenEnabled(
        (config, path) -> {
          Optional<String> problem = existingFile(config, path, "the PKCS12 trust store with the cluster CA");
          if (problem.isPresent()) {
            return problem;
          }
          Optional<KeyStore> store = open(config, path, TRUST_STORE_PASSWORD_FILE);
          if (store.isEmpty()) {
            return opening(config, path, TRUST_STORE_PASSWORD_FILE);
          }
          try {
            boolean anyCa =
                Collections.list(store.get().aliases()).stream().anyMatch(a -> isCertificate(store.get(), a));
            return anyCa ? Optional.empty() : Optional.of("holds no CA certificate" + MAKE_ONE);
          } catch (GeneralSecurityException e) {
            return Optional.of("cannot read it: " + e.getMessage());
          }
        });
  }

  private static ConfigCheck whenEnabled(ConfigCheck check) {
    return (config, path) -> {
      if (!TlsSettings.enabledIn(config)) {
        return Optional.empty();
      }
      try {
        return check.violation(config, path);
      } catch (ConfigException e) {
        return Optional.of("must be a string");
      }
    };
  }

  private static Optional<String> existingFile(Config config, String path, String what) {
    if (config.getString(path).isBlank()) {
      return Optional.of("must name " + what + " (" + ENABLED + " is on)" + MAKE_ONE);
    }
    Path file = Path.of(config.getString(path));
    if (!Files.exists(file)) {
      return Optional.of("no such file " + absolute(config, path) + MAKE_ONE);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return Optional.of("cannot read " + absolute(config, path) + " (not a readable file)");
    }
    return Optional.empty();
  }

  /** The store, when it and its password file can be read; empty otherwise. */
  private static Optional<KeyStore> open(Config config, String storePath, String passwordPath) {
    try {
      return Optional.of(TlsSettings.open(Path.of(config.getString(storePath)), Path.of(config.getString(passwordPath))));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Why a store does not open; nothing when its password file is at fault (that key's check says so). */
  private static Optional<String> opening(Config config, String storePath, String passwordPath) {
    Path passwordFile;
    try {
      passwordFile = Path.of(config.getString(passwordPath));
      if (config.getString(passwordPath).isBlank() || !Files.isReadable(passwordFile)) {
        return Optional.empty();
      }
      TlsSettings.open(Path.of(config.getString(storePath)), passwordFile);
      return Optional.empty();
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        return Optional.of("does not open with the password in " + config.getString(passwordPath) + " (" + passwordPath + "): wrong password");
      }
      return Optional.of("is not a PKCS12 store that opens with the password in " + config.getString(passwordPath) + ": " + reason(e));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of("cannot be read as a PKCS12 store: " + e.getMessage());
    }
  }

  private static Optional<String> signedByTrusted(Config config, X509Certificate[] chain) {
    Optional<KeyStore> trusted;
    try {
      trusted = open(config, TRUST_STORE, TRUST_STORE_PASSWORD_FILE);
    } catch (ConfigException e) {
      return Optional.empty();
    }
    if (trusted.isEmpty()) {
      return Optional.empty(); // the trust store's own check says why
    }
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted.get());
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          x509.checkClientTrusted(chain, "UNKNOWN");
        }
      }
      return Optional.empty();
    } catch (CertificateException e) {
      return Optional.of(
          "its certificate ("
              + subject(chain[0])
              + ", issued by "
              + chain[0].getIssuerX500Principal().getName()
              + ") is not signed by a CA in "
              + TRUST_STORE
              + " ("
              + config.getString(TRUST_STORE)
              + "): the other nodes would refuse it");
    } catch (GeneralSecurityException e) {
      return Optional.of("cannot check its certificate: " + e.getMessage());
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias) && store.getCertificateChain(alias) != null;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean isCertificate(KeyStore store, String alias) {
    try {
      return store.isCertificateEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  private static String absolute(Config config, String path) {
    return Path.of(config.getString(path)).toAbsolutePath().toString();
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }
}
