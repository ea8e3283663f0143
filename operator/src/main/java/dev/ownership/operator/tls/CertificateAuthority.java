package dev.ownership.operator.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small self-signed CA that issues serving certificates (ECDSA P-256). Used by the managed
 * webhook certificates, the demo and the tests.
 */
public final class CertificateAuthority {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final PemCertificate root;
  private final PrivateKey key;

  private CertificateAuthority(PemCertificate root, PrivateKey key) {
    this.root = root;
    this.key = key;
  }

  public static CertificateAuthority generate(String commonName, Duration validity) {
    try {
      KeyPair pair = newKeyPair();
      X500Name subject = new X500Name("CN=" + commonName);
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(now.minus(CLOCK_SKEW)),
                  Date.from(now.plus(validity)),
                  subject,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(builder, pair.getPrivate());
      return new CertificateAuthority(
          new PemCertificate(pem(cert), pem(pair.getPrivate()), cert), pair.getPrivate());
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("could not generate a CA certificate", e);
    }
  }

  /** Loads a CA stored as PEM (e.g. from the webhook Secret). */
  public static CertificateAuthority load(String certificatePem, String privateKeyPem) {
    try {
      X509Certificate cert = parseCertificate(certificatePem);
      PrivateKey key = parsePrivateKey(privateKeyPem);
      return new CertificateAuthority(new PemCertificate(certificatePem, privateKeyPem, cert), key);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "the CA certificate or key is not valid PEM: " + e.getMessage(), e);
    }
  }

  public PemCertificate certificate() {
    return root;
  }

  /** Issues a serving certificate for these DNS names and IP addresses. */
  public PemCertificate issueServing(
      List<String> dnsNames, List<String> ipAddresses, Duration validity) {
    try {
      KeyPair pair = newKeyPair();
      Instant now = Instant.now();
      String cn = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
      for (String ip : ipAddresses) {
        names.add(
            new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress()));
      }
      Instant notAfter = now.plus(validity);
      if (notAfter.isAfter(root.notAfter())) notAfter = root.notAfter();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  new X500Name(root.certificate().getSubjectX500Principal().getName()),
                  serial(),
                  Date.from(now.minus(CLOCK_SKEW)),
                  Date.from(notAfter),
                  new X500Name("CN=" + cn),
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(names.toArray(GeneralName[]::new)))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(root.certificate()));
      X509Certificate cert = sign(builder, key);
      return new PemCertificate(pem(cert), pem(pair.getPrivate()), cert);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("could not issue a serving certificate", e);
    }
  }

  public static X509Certificate parseCertificate(String pem)
      throws IOException, GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (!(object instanceof X509CertificateHolder holder))
        throw new IOException("no CERTIFICATE block found");
      return new JcaX509CertificateConverter().getCertificate(holder);
    }
  }

  public static PrivateKey parsePrivateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) return converter.getKeyPair(pair).getPrivate();
      if (object instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
      throw new IOException("no PRIVATE KEY block found");
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(96, RANDOM).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
    return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      // PKCS#8 for keys: what Vert.x, the JDK and most tools read.
      writer.writeObject(
          object instanceof PrivateKey pk
              ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", pk.getEncoded())
              : object);
    }
    return out.toString();
  }
}
