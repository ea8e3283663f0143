package dev.ownership.operator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends one AdmissionReview to the webhook over HTTPS, as the API server would, trusting only the
 * given CA.
 */
public final class AdmissionProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the webhook answered: allowed or not, the HTTP-like code and the message or warnings. */
  public record Answer(boolean allowed, int code, String message, JsonNode response) {}

  private AdmissionProbe() {}

  public static Answer createDeployment(
      int port, X509Certificate ca, String namespace, String name, String app)
      throws IOException, InterruptedException, GeneralSecurityException {
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode request =
        review
            .putObject("request")
            .put("uid", UUID.randomUUID().toString())
            .put("operation", "CREATE")
            .put("namespace", namespace)
            .put("name", name)
            .put("dryRun", false);
    request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
    request
        .putObject("resource")
        .put("group", "apps")
        .put("version", "v1")
        .put("resource", "deployments");
    request.putObject("userInfo").put("username", "demo-user");
    ObjectNode object =
        request.putObject("object").put("apiVersion", "apps/v1").put("kind", "Deployment");
    object.putObject("metadata").put("name", name).put("namespace", namespace);
    ObjectNode spec = object.putObject("spec");
    spec.putObject("selector").putObject("matchLabels").put("app", app);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", app);
    template
        .putObject("spec")
        .putArray("containers")
        .addObject()
        .put("name", app)
        .put("image", "registry.example/" + app + ":1.0");

    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trusting(ca))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200)
      throw new IOException(
          "the webhook answered HTTP " + response.statusCode() + ": " + response.body());
    JsonNode answer = JSON.readTree(response.body()).path("response");
    return new Answer(
        answer.path("allowed").asBoolean(),
        answer.path("status").path("code").asInt(200),
        answer.path("status").path("message").asText(""),
        answer);
  }

  private static SSLContext trusting(X509Certificate ca)
      throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("demo-ca", ca);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
