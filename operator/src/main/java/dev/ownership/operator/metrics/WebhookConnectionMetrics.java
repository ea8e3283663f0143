package dev.ownership.operator.metrics;

import dev.ownership.operator.admission.WebhookServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The webhook's connections: {@code ownership_webhook_connections} open now, {@code
 * ownership_webhook_connections_refused_total} closed at the cap, {@code
 * ownership_webhook_connections_timed_out_total} closed because a request dribbled in too slowly
 * (or the next never started).
 */
public final class WebhookConnectionMetrics {
  private WebhookConnectionMetrics() {}

  public static void register(MeterRegistry registry, WebhookServer server) {
    Gauge.builder("ownership.webhook.connections", server, WebhookServer::openConnections)
        .description("Connections open to the admission webhook")
        .register(registry);
    FunctionCounter.builder(
            "ownership.webhook.connections.refused", server, WebhookServer::refusedConnections)
        .description("Connections closed at once because the webhook held its maximum")
        .register(registry);
    FunctionCounter.builder(
            "ownership.webhook.connections.timed.out", server, WebhookServer::timedOutConnections)
        .description("Connections closed because a request was not received in time")
        .register(registry);
  }
}
