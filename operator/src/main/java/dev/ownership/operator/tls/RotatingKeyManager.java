package dev.ownership.operator.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands every TLS handshake the certificate that is current at that moment. Swapping it is one
 * volatile write: no TLS context is rebuilt, so no connection is turned away while a certificate
 * changes (Vert.x 4.5's {@code updateSSLOptions} closes connections accepted during its rebuild).
 *
 * <p>Each certificate gets its own alias, and the previous one stays resolvable, so a handshake
 * that chose its alias just before a swap still finds its certificate and key.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {
  private record Material(String alias, X509Certificate[] chain, PrivateKey key) {}

  private volatile Material current;
  private volatile Material previous;

  RotatingKeyManager(ServingCertificate certificate) {
    current = material(certificate);
  }

  void use(ServingCertificate certificate) {
    previous = current;
    current = material(certificate);
  }

  private static Material material(ServingCertificate certificate) {
    return new Material(
        "webhook-" + certificate.leaf().getSerialNumber().toString(16),
        certificate.chain(),
        certificate.privateKey());
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Material m = find(alias);
    return m == null ? null : m.chain.clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Material m = find(alias);
    return m == null ? null : m.key;
  }

  /**
   * Serves the key only for signature types it can make (the JDK asks per cipher suite / scheme).
   */
  private String aliasFor(String keyType) {
    Material m = current;
    String algorithm = m.key.getAlgorithm().toUpperCase(Locale.ROOT);
    String wanted = keyType == null ? "" : keyType.toUpperCase(Locale.ROOT);
    boolean fits =
        wanted.equals(algorithm)
            || wanted.startsWith(algorithm + "_")
            || (algorithm.equals("RSA") && wanted.equals("RSASSA-PSS"))
            || (algorithm.equals("ED25519") && wanted.equals("EDDSA"))
            || (algorithm.equals("EDDSA") && wanted.equals("ED25519"));
    return fits ? m.alias : null;
  }

  private Material find(String alias) {
    Material m = current;
    if (m.alias.equals(alias)) return m;
    Material p = previous;
    return p != null && p.alias.equals(alias) ? p : null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }
}
