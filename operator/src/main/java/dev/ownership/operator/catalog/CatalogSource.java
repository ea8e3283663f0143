package dev.ownership.operator.catalog;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.Workload;
import java.util.List;
import java.util.Map;

/**
 * What the catalog reads: the replica's own view of the cluster. Every replica has one (its
 * informer caches), so any replica answers the same; tests hand in maps.
 */
public interface CatalogSource {
  /** The namespaces in view, in any order. */
  List<String> namespaces();

  /** Labels of the namespace; empty when unknown. */
  Map<String, String> namespaceLabels(String namespace);

  /** Its usable ServiceOwnerships, as the resolver takes them. */
  NamespaceClaims claims(String namespace);

  /** Every ServiceOwnership in view, with spec and status as last seen. */
  List<ServiceOwnership> serviceOwnerships();

  /** The workloads of the namespace, including those another workload controls. */
  List<Workload> workloads(String namespace);

  /** The admission mode the webhook applies in the namespace. */
  EnforcementMode enforcementMode(String namespace);

  /**
   * A number that changes whenever namespaces, claims or workloads may have changed, so that what
   * was resolved from them can be reused until then. ServiceOwnership statuses need not change it:
   * they are read afresh.
   */
  long version();
}
