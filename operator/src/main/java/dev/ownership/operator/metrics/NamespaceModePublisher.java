package dev.ownership.operator.metrics;

import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.ownership.EnforcementRule;

/**
 * Keeps {@link NamespaceEnforcementGauges} in step with the namespaces, by the same {@link
 * EnforcementRule} the webhook answers with (an exempt namespace is {@code off} in both). Only the
 * leader publishes, so that alerts joining these series with the ownership gauges (also
 * leader-only) see one series per namespace.
 */
public final class NamespaceModePublisher implements ClusterCache.Listener {
  private final ClusterCache cache;
  private final EnforcementRule rule;
  private final NamespaceEnforcementGauges gauges;
  private volatile boolean active;

  public NamespaceModePublisher(
      ClusterCache cache, EnforcementRule rule, NamespaceEnforcementGauges gauges) {
    this.cache = cache;
    this.rule = rule;
    this.gauges = gauges;
  }

  /** This replica leads: publish every namespace, then follow changes. */
  public void activate() {
    active = true;
    cache.namespaceNames().forEach(this::publish);
  }

  @Override
  public void namespaceChanged(String namespace) {
    if (active) publish(namespace);
  }

  private void publish(String namespace) {
    if (!cache.hasNamespace(namespace) || !cache.watches(namespace)) {
      gauges.remove(namespace);
      return;
    }
    gauges.set(namespace, rule.of(namespace, cache.labels(namespace)).mode());
  }
}
