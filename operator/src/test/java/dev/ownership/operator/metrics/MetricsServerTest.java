package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through real HTTP on a loopback port. */
class MetricsServerTest {
  /** What Prometheus 2.x sends when it scrapes. */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final AtomicBoolean healthy = new AtomicBoolean(true);
  final AtomicBoolean ready = new AtomicBoolean(false);
  final HttpClient http = HttpClient.newHttpClient();
  MetricsServer server;

  @BeforeEach
  void start() throws Exception {
    Counter.builder("probe.test.events").tag("source", "unit").register(registry).increment(3);
    server =
        new MetricsServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registry,
                healthy::get,
                ready::get)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> send(String method, String path, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) request.header("Accept", accept);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsDefaultToThePrometheusTextFormat() throws Exception {
    for (String accept :
        new String[] {
          null, "*/*", "text/plain", "text/plain;q=1,application/openmetrics-text;q=0.5"
        }) {
      HttpResponse<String> response = send("GET", "/metrics", accept);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as("Accept: %s", accept)
          .contains("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body())
          .contains("probe_test_events_total{source=\"unit\"} 3")
          .doesNotContain("# EOF");
    }
  }

  @Test
  void metricsSpeakOpenMetricsWhenTheClientPrefersIt() throws Exception {
    for (String accept : new String[] {PROMETHEUS_ACCEPT, "application/openmetrics-text"}) {
      HttpResponse<String> response = send("GET", "/metrics", accept);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as("Accept: %s", accept)
          .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertThat(response.body())
          .contains("probe_test_events_total{source=\"unit\"} 3")
          .endsWith("# EOF\n");
    }
  }

  @Test
  void headAnswersWithoutABody() throws Exception {
    HttpResponse<String> response = send("HEAD", "/metrics", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void probesReportHealthAndReadiness() throws Exception {
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    HttpResponse<String> notReady = send("GET", "/readyz", null);
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("not ready\n");

    ready.set(true);
    healthy.set(false);
    HttpResponse<String> nowReady = send("GET", "/readyz", null);
    assertThat(nowReady.statusCode()).isEqualTo(200);
    assertThat(nowReady.body()).isEqualTo("ok\n");
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(503);
  }

  @Test
  void aProbeThatThrowsIsNotReady() throws Exception {
    server.close();
    server =
        new MetricsServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registry,
                () -> {
                  throw new IllegalStateException("informers not started");
                },
                () -> true)
            .start();
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(503);
  }

  @Test
  void onlyGetAndHeadAreAllowed() throws Exception {
    for (String path : new String[] {"/metrics", "/healthz", "/readyz"}) {
      HttpResponse<String> response = send("POST", path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    }
    assertThat(send("DELETE", "/metrics", null).statusCode()).isEqualTo(405);
  }

  @Test
  void unknownPathsAreNotFoundEvenWhenTheyStartLikeAKnownOne() throws Exception {
    for (String path :
        new String[] {"/", "/nope", "/metricsfoo", "/metrics/extra", "/healthzz", "/readyz/"}) {
      HttpResponse<String> response = send("GET", path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).contains("/metrics");
    }
  }
}
