package dev.ownership.operator;

import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JOSDK's reconciliation metrics, plus one WARN line per failed reconciliation with its reason.
 * JOSDK itself logs a failure that it will retry as a WARN with the whole stack trace (a finalizer
 * patch answered 404 because the object is already gone, a reset connection); `run` turns that
 * logger down to ERROR ({@code cli/Logging}), so transient API errors read as one line each, as
 * everywhere else in the operator, and the stack is at DEBUG here.
 */
final class LoggedReconciliationFailures implements Metrics {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedReconciliationFailures.class);

  private final Metrics metrics;

  LoggedReconciliationFailures(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    metrics.failedReconciliation(resource, exception, metadata);
    String what =
        resource == null
            ? "a resource"
            : resource.getKind()
                + " "
                + SafeText.of(resource.getMetadata().getNamespace(), 63)
                + "/"
                + SafeText.of(resource.getMetadata().getName(), 253);
    LOG.warn(
        "Reconciling {} failed, retried by the operator framework: {}", what, reason(exception));
    LOG.debug("Reconciling {} failed", what, exception);
  }

  /** The API server's answer when there is one, else the exception's own message. */
  static String reason(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() > 0) {
        String message = k.getStatus() == null ? null : k.getStatus().getMessage();
        return "HTTP " + k.getCode() + (message == null ? "" : " " + SafeText.of(message));
      }
      if (t.getCause() == null) {
        return t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + SafeText.of(t.getMessage()));
      }
    }
    return "unknown";
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    metrics.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    metrics.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    metrics.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    metrics.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    metrics.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    metrics.cleanupDoneFor(resourceID, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    metrics.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    return metrics.timeControllerExecution(execution);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return metrics.monitorSizeOf(map, name);
  }
}
