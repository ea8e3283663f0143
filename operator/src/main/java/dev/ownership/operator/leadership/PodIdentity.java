package dev.ownership.operator.leadership;

import java.util.Map;
import java.util.UUID;

/**
 * The Lease holder's name: the pod name in a cluster, so that the Lease shows which pod leads.
 * Replicas embedded in one JVM (tests, the demo) share its HOSTNAME and would all believe they hold
 * the Lease, so they get a unique suffix.
 */
public final class PodIdentity {
  private PodIdentity() {}

  /**
   * @param embedded more than one replica may run in this JVM
   */
  public static String of(Map<String, String> environment, boolean embedded) {
    String host = environment.get("HOSTNAME");
    boolean hasHost = host != null && !host.isBlank();
    if (hasHost && !embedded) return host;
    return (hasHost ? host : "ownership-operator") + "-" + UUID.randomUUID();
  }
}
