package dev.ownership.operator.metrics;

import dev.ownership.operator.ownership.EnforcementMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ownership_namespace_enforcement{namespace,mode}} = 1 for each namespace's effective
 * admission mode, one series per namespace. Alerts join it with {@code ownership_workloads} to find
 * unowned workloads where admission enforces ownership.
 */
public final class NamespaceEnforcementGauges {
  static final String NAME = "ownership.namespace.enforcement";

  private record Series(EnforcementMode mode, Gauge gauge) {}

  private final MeterRegistry registry;
  private final Map<String, Series> byNamespace = new HashMap<>();

  public NamespaceEnforcementGauges(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The namespace's effective mode (its label, else the default) is now {@code mode}. */
  public synchronized void set(String namespace, EnforcementMode mode) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mode, "mode");
    Series current = byNamespace.get(namespace);
    if (current != null && current.mode() == mode) return;
    if (current != null) registry.remove(current.gauge());
    Gauge gauge =
        Gauge.builder(NAME, () -> 1)
            .description("1 for the effective admission mode of each namespace")
            .tags("namespace", namespace, "mode", mode.value())
            .register(registry);
    byNamespace.put(namespace, new Series(mode, gauge));
  }

  /** The namespace is gone (or no longer watched). */
  public synchronized void remove(String namespace) {
    Series current = byNamespace.remove(namespace);
    if (current != null) registry.remove(current.gauge());
  }
}
