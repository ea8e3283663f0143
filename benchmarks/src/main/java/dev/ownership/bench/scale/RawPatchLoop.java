package dev.ownership.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fastest the API server can take the operator's writes: {@code concurrency} threads each
 * sending one merge patch at a time (the operator's body shape: three annotations and one label),
 * over every Deployment {@code svc-0..n-1} in one namespace. The operator's time to mark N
 * workloads is compared with this.
 */
final class RawPatchLoop {
  private RawPatchLoop() {}

  record Result(long patches, long failures, long retries, double seconds) {}

  static Result run(int apiPort, String namespace, int n, int concurrency, String team)
      throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    Thread[] workers = new Thread[concurrency];
    long started = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      workers[t] =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  String body =
                      "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":\""
                          + team
                          + "\",\"ownership.dev/source\":\"serviceownership/"
                          + team
                          + "\"},\"labels\":{\"ownership.dev/status\":\"owned\"}}}";
                  HttpRequest request =
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:"
                                      + apiPort
                                      + "/apis/apps/v1/namespaces/"
                                      + namespace
                                      + "/deployments/svc-"
                                      + i))
                          .timeout(Duration.ofSeconds(30))
                          .header("Content-Type", "application/merge-patch+json")
                          .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  // A transient I/O error is retried (as the operator's writer does); only a
                  // patch that fails three times counts as failed.
                  boolean done = false;
                  for (int attempt = 0; attempt < 3 && !done; attempt++) {
                    try {
                      HttpResponse<Void> r =
                          http.send(request, HttpResponse.BodyHandlers.discarding());
                      sent.incrementAndGet();
                      done = r.statusCode() == 200;
                    } catch (IOException e) {
                      retries.incrementAndGet();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                  if (!done) failures.incrementAndGet();
                }
              },
              "raw-patch-" + t);
      workers[t].start();
    }
    for (Thread w : workers) w.join();
    return new Result(
        sent.get(), failures.get(), retries.get(), (System.nanoTime() - started) / 1e9);
  }
}
