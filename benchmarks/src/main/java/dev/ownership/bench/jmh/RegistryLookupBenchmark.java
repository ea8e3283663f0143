package dev.ownership.bench.jmh;

import dev.ownership.bench.fixtures.AdmissionReviews;
import dev.ownership.operator.api.Team;
import java.nio.charset.StandardCharsets;
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
 * The cost of the Team registry at admission (issue 13: "the registry lookup must not cost more
 * than a map read per team value"): {@code AdmissionHandler.handle(byte[])} on the ~11 KB UPDATE of
 * an owned Deployment in the enforced namespace whose owner label names a registered Team, an alias
 * of it, or an unknown team (warned, with "did you mean" computed against every registered name),
 * with {@code teams} Teams registered and the registry in {@code warn}; setup checks each answer
 * (allowed; a did-you-mean warning exactly for the unknown team while Teams exist).
 *
 * <p>Baselines, in the same run: {@code baseline_registryNotInUse}, the same review with {@code
 * TeamRegistry.NONE}; {@code baseline_hashMapGet}, a {@code HashMap.get} over the same names and
 * aliases, beside {@code canonical}, the registry's lookup alone. {@code teams=0} is the registry
 * with no Team (not in use either).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RegistryLookupBenchmark {
  /** The owner label's value on the reviewed Deployment (object and oldObject). */
  public enum Label {
    REGISTERED("payments"),
    ALIAS("pay"),
    UNKNOWN("paymnets");

    final String value;

    Label(String value) {
      this.value = value;
    }
  }

  @Param({"0", "10000"})
  public int teams;

  @Param({"REGISTERED", "ALIAS", "UNKNOWN"})
  public Label label;

  private RegistrySubject withRegistry;
  private RegistrySubject withoutRegistry;
  private Map<String, String> hashMap;
  private byte[] body;

  @Setup
  public void setUp() {
    List<Team> registered =
        teams == 0
            ? List.of()
            : RegistrySubject.teams(teams, RegistrySubject.team(AdmissionReviews.TEAM, "pay"));
    Map<String, Map<String, String>> namespaces =
        Map.of(
            AdmissionReviews.ENFORCED_NAMESPACE,
            AdmissionReviews.namespaceLabels(AdmissionReviews.ENFORCED_NAMESPACE));
    withRegistry = new RegistrySubject(namespaces, RegistrySubject.warn(registered));
    withoutRegistry = new RegistrySubject(namespaces, RegistrySubject.none());
    hashMap = new HashMap<>();
    for (Team t : registered) {
      hashMap.put(t.getMetadata().getName(), t.getMetadata().getName());
      for (String alias : t.getSpec().getAliases()) hashMap.put(alias, t.getMetadata().getName());
    }
    body = review(label.value);

    boolean warns = teams > 0 && label == Label.UNKNOWN;
    check("registry", withRegistry, warns);
    check("no registry", withoutRegistry, false);
    String canonical = withRegistry.canonical(label.value).orElse(null);
    String expected =
        teams == 0 ? label.value : label == Label.UNKNOWN ? null : AdmissionReviews.TEAM;
    if (!java.util.Objects.equals(canonical, expected)) {
      throw new IllegalStateException(label + ": canonical " + canonical + ", not " + expected);
    }
  }

  private void check(String what, RegistrySubject subject, boolean warns) {
    String answer = new String(subject.handle(body).body(), StandardCharsets.UTF_8);
    if (!answer.contains("\"allowed\":true")
        || answer.contains("did you mean " + AdmissionReviews.TEAM) != warns) {
      throw new IllegalStateException(
          what + ", " + teams + " Teams, " + label + ": not decided as expected: " + answer);
    }
  }

  /** {@link AdmissionReviews.Case#UPDATE_OWNED} with the owner label set to {@code team}. */
  static byte[] review(String team) {
    String owned = new String(AdmissionReviews.review(AdmissionReviews.Case.UPDATE_OWNED), UTF8);
    String from = "\"" + AdmissionReviews.TEAM_LABEL + "\":\"" + AdmissionReviews.TEAM + "\"";
    if (!owned.contains(from)) throw new IllegalStateException("the fixture carries no " + from);
    return owned
        .replace(from, "\"" + AdmissionReviews.TEAM_LABEL + "\":\"" + team + "\"")
        .getBytes(UTF8);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Benchmark
  public Object handle() {
    return withRegistry.handle(body);
  }

  @Benchmark
  public Object baseline_registryNotInUse() {
    return withoutRegistry.handle(body);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object canonical() {
    return withRegistry.canonical(label.value);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object baseline_hashMapGet() {
    return hashMap.get(label.value);
  }
}
