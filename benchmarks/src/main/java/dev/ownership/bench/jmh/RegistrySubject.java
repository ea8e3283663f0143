package dev.ownership.bench.jmh;

import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.AdmissionResult;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.cli.RunCommand;
import dev.ownership.operator.metrics.AdmissionMetrics;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every call {@link RegistryLookupBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on what {@link AdmissionSubject} relies on, plus {@code NamespaceDirectory.teams()}
 * (where the webhook's policy reads the registry), {@code TeamRegistry.of(Collection,
 * TeamRegistryMode)}, {@code TeamRegistry.NONE} and {@code TeamRegistry.canonical(String)}.
 */
public final class RegistrySubject {
  private final AdmissionHandler handler;
  private final TeamRegistry registry;

  /**
   * @param namespaceLabels the namespaces the webhook knows, with their labels
   * @param registry what {@code NamespaceDirectory.teams()} answers
   */
  public RegistrySubject(Map<String, Map<String, String>> namespaceLabels, TeamRegistry registry) {
    this.registry = registry;
    NamespaceDirectory maps = new ResolverSubject.Directory(namespaceLabels, List.of());
    NamespaceDirectory directory =
        new NamespaceDirectory() {
          @Override
          public Map<String, String> labels(String namespace) {
            return maps.labels(namespace);
          }

          @Override
          public NamespaceClaims claims(String namespace) {
            return maps.claims(namespace);
          }

          @Override
          public TeamRegistry teams() {
            return registry;
          }
        };
    handler =
        AdmissionHandler.of(
            new OwnerResolver(OwnerLabelKeys.DEFAULT),
            directory,
            RunCommand.settingsFrom(
                    Map.of(), "--leader-election=false", "--operator-namespace=ownership-system")
                .admission(),
            new AdmissionMetrics(new SimpleMeterRegistry()));
  }

  /** The registry in warn mode over the given Teams ({@code --team-registry warn}). */
  public static TeamRegistry warn(Collection<Team> teams) {
    return TeamRegistry.of(teams, TeamRegistryMode.WARN);
  }

  public static TeamRegistry none() {
    return TeamRegistry.NONE;
  }

  /** A Team with one alias, as {@code kubectl apply} would give the registry. */
  public static Team team(String name, String alias) {
    return CatalogSubject.team(name, alias);
  }

  /** {@code count} Teams {@code team-N} (alias {@code t-N}) and then {@code extra}. */
  public static List<Team> teams(int count, Team... extra) {
    List<Team> teams = new ArrayList<>(count + extra.length);
    for (int n = 0; teams.size() < count - extra.length; n++)
      teams.add(team("team-" + n, "t-" + n));
    teams.addAll(List.of(extra));
    return teams;
  }

  public AdmissionSubject.Answer handle(byte[] review) {
    AdmissionResult result = handler.handle(review);
    return new AdmissionSubject.Answer(result.httpStatus(), result.body());
  }

  public Optional<String> canonical(String value) {
    return registry.canonical(value);
  }
}
