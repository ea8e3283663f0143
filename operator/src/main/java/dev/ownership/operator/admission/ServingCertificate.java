package dev.ownership.operator.admission;

import dev.ownership.operator.certs.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * The webhook's certificate and key as read from their PEM files, checked to belong together.
 * The key is handed on as PKCS#8 whatever the file holds (PKCS#1 RSA, SEC1 EC or PKCS#8), so
 * keys written by cert-manager in any encoding work.
 */
public record ServingCertificate(byte[] certificateFile, byte[] keyFile, X509Certificate leaf, String pkcs8KeyPem) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads and checks both files; the message of the exception says which file is wrong and how. */
  public static ServingCertificate read(Path certFile, Path keyFile) throws InvalidCertificateException {
    byte[] cert = readFile(certFile, "certificate");
    byte[] key = readFile(keyFile, "key");
    return parse(cert, key, certFile, keyFile);
  }

  /** True when the files on disk still hold exactly these bytes. */
  public boolean sameFiles(byte[] certificate, byte[] key) {
    return Arrays.equals(certificateFile, certificate) && Arrays.equals(keyFile, key);
  }

  static ServingCertificate parse(byte[] cert, byte[] key, Path certFile, Path keyFile) throws InvalidCertificateException {
    X509Certificate leaf;
    try {
      leaf = CertificateAuthority.parseCertificate(new String(cert, java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new InvalidCertificateException(certFile + " does not hold a PEM certificate: " + e.getMessage());
    }
    PrivateKey privateKey;
    try {
      privateKey = CertificateAuthority.parsePrivateKey(new String(key, java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      throw new InvalidCertificateException(keyFile + " does not hold an unencrypted PEM private key: " + e.getMessage());
    }
    if (!belongTogether(leaf, privateKey)) {
      throw new InvalidCertificateException("the key in " + keyFile + " does not belong to the certificate in " + certFile);
    }
    return new ServingCertificate(cert, key, leaf, pkcs8Pem(privateKey));
  }

  static byte[] readFile(Path file, String what) throws InvalidCertificateException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidCertificateException("the TLS " + what + " file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidCertificateException("the TLS " + what + " file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** Signs a random challenge with the key and checks it with the certificate's public key. */
  private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
    String algorithm = switch (key.getAlgorithm()) {
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

  private static String pkcs8Pem(PrivateKey key) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /** The certificate or key files cannot serve TLS; the message says what to fix. */
  public static final class InvalidCertificateException extends Exception {
    public InvalidCertificateException(String message) {
      super(message);
    }
  }
}
