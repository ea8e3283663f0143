package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 clients, each on its own keep-alive connection, send 1,000 reviews each; every answer must be
 * right.
 */
class WebhookConcurrencyTest {
  private static final int CLIENTS = 64;
  private static final int REVIEWS_PER_CLIENT = 1_000;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void answersEveryReviewOf64ConcurrentClientsCorrectly() throws Exception {
    InMemoryNamespaces namespaces =
        new InMemoryNamespaces().namespace("shop", "ownership.dev/enforcement", "enforce");
    namespaces.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout"));
    try (WebhookFixture webhook =
        new WebhookFixture(TestSettings.of(EnforcementMode.WARN), namespaces)) {
      // Precomputed bodies: the test measures the server, not JSON building in the clients.
      WorkloadKind[] kinds = WorkloadKind.values();
      byte[][] owned = new byte[kinds.length][];
      byte[][] unowned = new byte[kinds.length][];
      for (int k = 0; k < kinds.length; k++) {
        owned[k] =
            Reviews.of(kinds[k])
                .uid("owned-" + k)
                .namespace("shop")
                .object(null, Map.of("app", "checkout"))
                .json();
        unowned[k] =
            Reviews.of(kinds[k])
                .uid("unowned-" + k)
                .namespace("shop")
                .object(null, Map.of("app", "cart"))
                .json();
      }
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      long started = System.nanoTime();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            threads.submit(
                () -> {
                  HttpClient http = WebhookFixture.client(webhook.ca);
                  go.await();
                  for (int i = 0; i < REVIEWS_PER_CLIENT && errors.size() < 10; i++) {
                    int k = (client + i) % kinds.length;
                    boolean isOwned = i % 2 == 0;
                    HttpRequest request =
                        HttpRequest.newBuilder(webhook.uri(WebhookServer.PATH))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                    isOwned ? owned[k] : unowned[k]))
                            .build();
                    try {
                      HttpResponse<byte[]> response =
                          http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                      String body = new String(response.body());
                      String expectedUid = (isOwned ? "owned-" : "unowned-") + k;
                      boolean right =
                          response.statusCode() == 200
                              && body.contains("\"uid\":\"" + expectedUid + "\"")
                              && body.contains("\"allowed\":false") == !isOwned;
                      if (right) answered.incrementAndGet();
                      else
                        errors.add(
                            "client "
                                + client
                                + " review "
                                + i
                                + ": HTTP "
                                + response.statusCode()
                                + " "
                                + body);
                    } catch (Exception e) {
                      errors.add("client " + client + " review " + i + ": " + e);
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> client : clients) client.get();
      threads.shutdown();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "%d reviews from %d clients in %.1f s (%.0f/s)%n",
          answered.get(), CLIENTS, seconds, answered.get() / seconds);

      assertThat(errors).isEmpty();
      assertThat(answered.get()).isEqualTo(CLIENTS * REVIEWS_PER_CLIENT);
      assertThat(webhook.recorded).hasSize(CLIENTS * REVIEWS_PER_CLIENT);
      // 64 connections are spread over every event loop (one per core), not served by one.
      int cores = Runtime.getRuntime().availableProcessors();
      assertThat(webhook.answeringThreads)
          .as("event loops that answered")
          .hasSize(Math.min(cores, CLIENTS))
          .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    }
  }
}
