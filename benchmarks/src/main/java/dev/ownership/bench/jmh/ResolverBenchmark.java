package dev.ownership.bench.jmh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code OwnerResolver.resolve} for one Deployment whose namespace holds 1 or 1,000
 * ServiceOwnerships, in a directory of 10,000 other namespaces (each with one ServiceOwnership).
 * {@code distinct}: every ServiceOwnership selects its own {@code app.kubernetes.io/name}, so one
 * selects the workload (the usual shape); {@code overlapping}: every one is {@code {}} with its own
 * team, so all select it and all conflict with its team label (issue 11, item 0).
 *
 * <p>Baseline: the two map lookups every resolution starts with (namespace labels and claims).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ResolverBenchmark {
  static final String NAMESPACE = "checkout";

  @Param({"1", "1000"})
  public int claims;

  @Param({"distinct", "overlapping"})
  public String selectors;

  @Param({"10000"})
  public int otherNamespaces;

  private ResolverSubject subject;
  private ResolverSubject.PreparedWorkload workload;
  private final Map<String, Map<String, String>> baselineLabels = new HashMap<>();
  private final Map<String, List<ClaimSpec>> baselineClaims = new HashMap<>();

  @Setup
  public void setUp() {
    Map<String, Map<String, String>> labels = new HashMap<>();
    List<ClaimSpec> specs = new ArrayList<>();
    for (int n = 0; n < otherNamespaces; n++) {
      String ns = "team-ns-" + n;
      labels.put(ns, Map.of("kubernetes.io/metadata.name", ns));
      specs.add(
          new ClaimSpec(ns, "svc", "team-" + n, Map.of("app.kubernetes.io/name", "svc"), CREATED));
    }
    labels.put(NAMESPACE, Map.of("kubernetes.io/metadata.name", NAMESPACE));
    boolean overlapping = selectors.equals("overlapping");
    for (int i = 0; i < claims; i++) {
      Map<String, String> match =
          overlapping ? Map.of() : Map.of("app.kubernetes.io/name", "svc-" + i);
      specs.add(new ClaimSpec(NAMESPACE, "so-" + i, "team-" + i, match, CREATED));
    }
    subject = new ResolverSubject(labels, specs);
    workload = ResolverSubject.deployment(NAMESPACE, "svc-0", workloadLabels());
    baselineLabels.putAll(labels);
    for (ClaimSpec s : specs) {
      baselineClaims.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(s);
    }
    if (!overlapping && !"team-0".equals(ResolverSubject.team(subject.resolve(workload)))) {
      throw new IllegalStateException("the fixture does not resolve to so-0's team");
    }
  }

  static final String CREATED = "2025-01-01T00:00:00Z";

  /** A Deployment's effective labels (own over pod template), as the template generates them. */
  static Map<String, String> workloadLabels() {
    return Map.of(
        "app.kubernetes.io/name", "svc-0",
        "app.kubernetes.io/part-of", "storefront",
        "app.kubernetes.io/component", "api",
        "app.kubernetes.io/version", "1.4.2",
        "app.kubernetes.io/managed-by", "kustomize");
  }

  @Benchmark
  public Object resolve() {
    return subject.resolve(workload);
  }

  @Benchmark
  public Object baseline_mapLookup() {
    Map<String, String> labels = baselineLabels.get(NAMESPACE);
    List<ClaimSpec> claims = baselineClaims.get(NAMESPACE);
    return labels.size() + claims.size();
  }
}
