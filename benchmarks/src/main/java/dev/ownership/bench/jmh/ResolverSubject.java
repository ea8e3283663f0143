package dev.ownership.bench.jmh;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.ownership.InvalidSpecException;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call {@link ResolverBenchmark} makes into the operator, in one place: when the ownership
 * package is restructured, this is the file to fix.
 *
 * <p>Relies on: {@code OwnerResolver(OwnerLabelKeys)}, {@code OwnerLabelKeys.DEFAULT}, {@code
 * OwnerResolver.resolve(Workload, Map, NamespaceClaims)}, {@code Workload(WorkloadRef, Map, List)},
 * {@code WorkloadRef(WorkloadKind, String, String)}, {@code NamespaceClaims.of/NONE}, {@code
 * OwnershipClaim.of(ServiceOwnership)}, {@code NamespaceDirectory} and the CRD model's setters.
 */
public final class ResolverSubject {
  private final OwnerResolver resolver = new OwnerResolver(OwnerLabelKeys.DEFAULT);
  private final Directory directory;

  /** A prepared workload: what the operator's cache would hand to the resolver. */
  public static final class PreparedWorkload {
    final Workload workload;

    PreparedWorkload(Workload workload) {
      this.workload = workload;
    }
  }

  public ResolverSubject(Map<String, Map<String, String>> namespaceLabels, List<ClaimSpec> claims) {
    this.directory = new Directory(namespaceLabels, claims);
  }

  public static PreparedWorkload deployment(
      String namespace, String name, Map<String, String> effectiveLabels) {
    return new PreparedWorkload(
        new Workload(
            new WorkloadRef(WorkloadKind.DEPLOYMENT, namespace, name), effectiveLabels, List.of()));
  }

  /** Looks the namespace up in the directory and resolves, as the controller does per workload. */
  public Object resolve(PreparedWorkload w) {
    String namespace = w.workload.ref().namespace();
    return resolver.resolve(w.workload, directory.labels(namespace), directory.claims(namespace));
  }

  /** The team a resolution names, or null: for sanity checks only. */
  public static String team(Object resolution) {
    return ((dev.ownership.operator.ownership.Resolution) resolution).team();
  }

  /** The operator's NamespaceDirectory over fixed maps (the controller answers from informers). */
  public static final class Directory implements NamespaceDirectory {
    private final Map<String, Map<String, String>> labels;
    private final Map<String, NamespaceClaims> claims = new HashMap<>();

    Directory(Map<String, Map<String, String>> labels, List<ClaimSpec> specs) {
      this.labels = labels;
      Map<String, List<OwnershipClaim>> byNamespace = new HashMap<>();
      for (ClaimSpec spec : specs) {
        byNamespace.computeIfAbsent(spec.namespace(), n -> new ArrayList<>()).add(claim(spec));
      }
      byNamespace.forEach((ns, list) -> claims.put(ns, NamespaceClaims.of(list)));
    }

    @Override
    public Map<String, String> labels(String namespace) {
      return labels.getOrDefault(namespace, Map.of());
    }

    @Override
    public NamespaceClaims claims(String namespace) {
      return claims.getOrDefault(namespace, NamespaceClaims.NONE);
    }
  }

  static OwnershipClaim claim(ClaimSpec spec) {
    ServiceOwnership so = new ServiceOwnership();
    so.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(spec.namespace())
            .withName(spec.name())
            .withCreationTimestamp(spec.createdAt())
            .build());
    ServiceOwnershipSpec s = new ServiceOwnershipSpec();
    s.setTeam(spec.team());
    s.setSelector(new LabelSelectorBuilder().withMatchLabels(spec.matchLabels()).build());
    so.setSpec(s);
    try {
      return OwnershipClaim.of(so);
    } catch (InvalidSpecException e) {
      throw new IllegalArgumentException(spec + ": " + e.getMessage(), e);
    }
  }
}
