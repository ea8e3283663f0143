package dev.ownership.operator.leadership;

import dev.ownership.operator.net.FieldManager;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the leader Lease back on shutdown. The framework cancels its elector without releasing the
 * Lease, so a rolling update would wait out the whole lease duration with no writer; clearing the
 * holder lets another replica take over at its next retry. Only our own holding is cleared.
 */
public final class LeaseRelease {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {}

  public static void release(
      KubernetesClient client, String namespace, String name, String identity) {
    try {
      var leases = FieldManager.naming(client).leases().inNamespace(namespace);
      var lease = leases.withName(name).get();
      if (lease == null
          || lease.getSpec() == null
          || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      leases.resource(lease).update();
      LOG.info("Released the leader Lease {}/{}", namespace, name);
    } catch (RuntimeException e) {
      // It expires on its own; releasing only makes the handover faster.
      LOG.debug("Could not release the leader Lease", e);
    }
  }
}
