package dev.ownership.operator.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The webhook's certificate chain and key as read from their PEM files, checked to belong together.
 * Keys in PKCS#1 (RSA), SEC1 (EC) or PKCS#8 form are all read, so cert-manager's output works in
 * any encoding.
 *
 * @param chain the leaf first, then any intermediates the file holds
 */
public record ServingCertificate(
    byte[] certificateFile, byte[] keyFile, X509Certificate[] chain, PrivateKey privateKey) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads and checks both files; the message of the exception says which file is wrong and how. */
  public static ServingCertificate read(Path certFile, Path keyFile)
      throws InvalidCertificateException {
    byte[] cert = readFile(certFile, "certificate");
    byte[] key = readFile(keyFile, "key");
    return parse(cert, key, certFile, keyFile);
  }

  public X509Certificate leaf() {
    return chain[0];
  }

  /** True when the files on disk still hold exactly these bytes. */
  public boolean sameFiles(byte[] certificate, byte[] key) {
    return Arrays.equals(certificateFile, certificate) && Arrays.equals(keyFile, key);
  }

  static ServingCertificate parse(byte[] cert, byte[] key, Path certFile, Path keyFile)
      throws InvalidCertificateException {
    X509Certificate[] chain;
    try {
      chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(cert))
              .stream()
              .map(X509Certificate.class::cast)
              .toArray(X509Certificate[]::new);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidCertificateException(
          certFile + " does not hold a PEM certificate: " + e.getMessage());
    }
    if (chain.length == 0)
      throw new InvalidCertificateException(certFile + " holds no PEM certificate");
    PrivateKey privateKey;
    try {
      privateKey =
          CertificateAuthority.parsePrivateKey(
              new String(key, java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      throw new InvalidCertificateException(
          keyFile + " does not hold an unencrypted PEM private key: " + e.getMessage());
    }
    if (!belongTogether(chain[0], privateKey)) {
      throw new InvalidCertificateException(
          "the key in " + keyFile + " does not belong to the certificate in " + certFile);
    }
    return new ServingCertificate(cert, key, chain, privateKey);
  }

  static byte[] readFile(Path file, String what) throws InvalidCertificateException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidCertificateException(
          "the TLS " + what + " file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidCertificateException(
          "the TLS " + what + " file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** Signs a random challenge with the key and checks it with the certificate's public key. */
  private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) return true; // an unusual key type: let the TLS stack judge it
    try {
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The certificate or key files cannot serve TLS; the message says what to fix. */
  public static final class InvalidCertificateException extends Exception {
    public InvalidCertificateException(String message) {
      super(message);
    }
  }
}
