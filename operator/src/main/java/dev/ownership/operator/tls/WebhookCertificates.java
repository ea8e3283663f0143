package dev.ownership.operator.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The contents of the webhook Secret: the CA bundle the API server trusts ({@code ca.crt}: the
 * current CA first, then a previous CA that has not expired yet), the current CA's key, and the
 * serving certificate and key. Values are PEM text; {@link #toSecretData()} gives base64 for the
 * Secret.
 */
public record WebhookCertificates(
    String caBundlePem, String caKeyPem, String servingCertificatePem, String servingKeyPem) {
  public static final String CA_CERT = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String TLS_CERT = "tls.crt";
  public static final String TLS_KEY = "tls.key";

  /** Reads Secret data (base64 values); missing keys become null. */
  public static WebhookCertificates fromSecretData(Map<String, String> data) {
    Map<String, String> safe = data == null ? Map.of() : data;
    return new WebhookCertificates(
        decode(safe.get(CA_CERT)),
        decode(safe.get(CA_KEY)),
        decode(safe.get(TLS_CERT)),
        decode(safe.get(TLS_KEY)));
  }

  public Map<String, String> toSecretData() {
    Map<String, String> data = new HashMap<>();
    data.put(CA_CERT, encode(caBundlePem));
    data.put(CA_KEY, encode(caKeyPem));
    data.put(TLS_CERT, encode(servingCertificatePem));
    data.put(TLS_KEY, encode(servingKeyPem));
    return data;
  }

  /** The caBundle of a webhook clientConfig: base64 of the PEM bundle. */
  public String caBundleBase64() {
    return encode(caBundlePem);
  }

  private static String decode(String base64) {
    if (base64 == null) return null;
    try {
      return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String encode(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
