package dev.ownership.operator.tls;

import java.nio.file.Path;
import java.util.Arrays;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving certificate read from PEM files and read again when they change (cert-manager and the
 * operator's own manager both rotate by rewriting them). {@link #keyManager()} hands every new TLS
 * handshake the certificate that is current; {@link #reloadIfChanged()} does the file I/O and is
 * meant for a worker thread, never an event loop.
 */
public final class ReloadingCertificate {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingCertificate.class);

  private final Path certFile;
  private final Path keyFile;
  private final RotatingKeyManager keyManager;
  private volatile ServingCertificate serving;

  /**
   * File contents that could not be used; not retried (or warned about) until the files change
   * again.
   */
  private volatile byte[][] rejectedFiles;

  private ReloadingCertificate(Path certFile, Path keyFile, ServingCertificate serving) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.serving = serving;
    this.keyManager = new RotatingKeyManager(serving);
  }

  /** Reads both files; the message of the exception says which file is wrong and how. */
  public static ReloadingCertificate read(Path certFile, Path keyFile)
      throws ServingCertificate.InvalidCertificateException {
    return new ReloadingCertificate(certFile, keyFile, ServingCertificate.read(certFile, keyFile));
  }

  public X509ExtendedKeyManager keyManager() {
    return keyManager;
  }

  /** The certificate new connections get. */
  public ServingCertificate current() {
    return serving;
  }

  /** Swaps in the files' certificate when they changed to a valid pair; true when it did. */
  public synchronized boolean reloadIfChanged() {
    ServingCertificate changed = changedCertificate();
    if (changed == null) return false;
    keyManager.use(changed);
    serving = changed;
    LOG.info(
        "Webhook certificate reloaded: {} (serial {}), expires {}",
        changed.leaf().getSubjectX500Principal().getName(),
        changed.leaf().getSerialNumber().toString(16),
        changed.leaf().getNotAfter().toInstant());
    return true;
  }

  private ServingCertificate changedCertificate() {
    byte[] cert;
    byte[] key;
    try {
      cert = ServingCertificate.readFile(certFile, "certificate");
      key = ServingCertificate.readFile(keyFile, "key");
    } catch (ServingCertificate.InvalidCertificateException e) {
      LOG.debug("Webhook certificate not readable right now: {}", e.getMessage());
      return null;
    }
    if (serving.sameFiles(cert, key)) return null;
    byte[][] rejected = rejectedFiles;
    if (rejected != null && Arrays.equals(rejected[0], cert) && Arrays.equals(rejected[1], key)) {
      return null;
    }
    try {
      return ServingCertificate.parse(cert, key, certFile, keyFile);
    } catch (ServingCertificate.InvalidCertificateException e) {
      // Often just the moment between writing the two files; warned about once per content, not
      // every second.
      rejectedFiles = new byte[][] {cert, key};
      LOG.warn(
          "Webhook certificate files changed but cannot be used ({}); still serving the previous"
              + " certificate",
          e.getMessage());
      return null;
    }
  }
}
