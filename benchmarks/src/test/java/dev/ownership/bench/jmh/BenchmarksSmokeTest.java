package dev.ownership.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every JMH benchmark and its baseline runs once, briefly, in this JVM: their setups check that
 * each review is decided as intended and each fixture resolves as intended, so a change in the
 * operator that breaks a benchmark fails the build. Timings are not asserted.
 */
class BenchmarksSmokeTest {
  @Test
  void everyBenchmarkAndBaselineProducesAScore() throws Exception {
    Options options =
        new OptionsBuilder()
            .include(ResolverBenchmark.class.getName())
            .include(AdmissionBenchmark.class.getName())
            .include(AdmissionClaimsBenchmark.class.getName())
            .include(ProjectionBenchmark.class.getName())
            .include(MergePatchBenchmark.class.getName())
            .include(AuditBenchmark.class.getName())
            .include(CatalogBenchmark.class.getName())
            .include(RegistryLookupBenchmark.class.getName())
            .param("deployments", "50")
            .param("claims", "1000")
            .param("otherNamespaces", "100")
            .param("where", "same")
            .param("template", "3")
            .param("workloads", "100")
            .param("teams", "10000")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .shouldFailOnError(true)
            .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Set<String> ran =
        results.stream()
            .map(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
            .collect(Collectors.toSet());
    assertThat(ran)
        .contains(
            "resolve",
            "baseline_mapLookup",
            "handle",
            "baseline_parseOnly",
            "baseline_noopAnswer",
            "baseline_noServiceOwnerships",
            "project",
            "toWorkload",
            "baseline_parse",
            "allChanged",
            "nothingChanged",
            "baseline_stringBuilder",
            "audit",
            "render",
            "baseline_registryNotInUse",
            "canonical",
            "baseline_hashMapGet");
    // 2 resolver selector shapes x 2 methods, 4 reviews x 3, 2 claims methods, 3 projection, 3
    // marks, 2 audit, 5 catalog pages, 3 registry labels x 4.
    assertThat(results).hasSize(4 + 12 + 2 + 3 + 3 + 2 + 5 + 12);
    assertThat(results)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive().isFinite());
  }
}
