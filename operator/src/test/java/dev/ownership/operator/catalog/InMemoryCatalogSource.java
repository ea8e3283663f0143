package dev.ownership.operator.catalog;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A cluster as maps, for handler tests; every change moves the version. */
final class InMemoryCatalogSource implements CatalogSource {
  private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
  private final List<ServiceOwnership> serviceOwnerships = new ArrayList<>();
  private final Map<String, List<Workload>> workloads = new LinkedHashMap<>();
  private long version;
  int workloadReads;

  InMemoryCatalogSource namespace(String name, Map<String, String> labels) {
    namespaces.put(name, labels);
    workloads.putIfAbsent(name, new ArrayList<>());
    version++;
    return this;
  }

  InMemoryCatalogSource serviceOwnership(ServiceOwnership so) {
    serviceOwnerships.add(so);
    version++;
    return this;
  }

  InMemoryCatalogSource workload(
      WorkloadKind kind, String ns, String name, Map<String, String> labels) {
    return workload(new Workload(new WorkloadRef(kind, ns, name), labels, List.of()));
  }

  InMemoryCatalogSource workload(Workload workload) {
    workloads.computeIfAbsent(workload.ref().namespace(), k -> new ArrayList<>()).add(workload);
    version++;
    return this;
  }

  /** A Job that a CronJob runs: not a workload of its own. */
  InMemoryCatalogSource cronJobsJob(String ns, String name, String cronJob) {
    return workload(
        new Workload(
            new WorkloadRef(WorkloadKind.JOB, ns, name),
            Map.of(),
            List.of(new ControllerReference("batch/v1", "CronJob", cronJob, true))));
  }

  @Override
  public List<String> namespaces() {
    return List.copyOf(namespaces.keySet());
  }

  @Override
  public Map<String, String> namespaceLabels(String namespace) {
    return namespaces.getOrDefault(namespace, Map.of());
  }

  @Override
  public NamespaceClaims claims(String namespace) {
    List<OwnershipClaim> claims = new ArrayList<>();
    for (ServiceOwnership so : serviceOwnerships) {
      if (so.getMetadata().getNamespace().equals(namespace))
        OwnershipClaim.usable(so).ifPresent(claims::add);
    }
    return NamespaceClaims.of(claims);
  }

  @Override
  public List<ServiceOwnership> serviceOwnerships() {
    return List.copyOf(serviceOwnerships);
  }

  @Override
  public List<Workload> workloads(String namespace) {
    workloadReads++;
    return List.copyOf(workloads.getOrDefault(namespace, List.of()));
  }

  @Override
  public EnforcementMode enforcementMode(String namespace) {
    return new EnforcementRule(EnforcementMode.WARN, Set.of())
        .of(namespace, namespaceLabels(namespace))
        .mode();
  }

  @Override
  public long version() {
    return version;
  }
}
