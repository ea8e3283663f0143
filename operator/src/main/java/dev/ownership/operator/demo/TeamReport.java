package dev.ownership.operator.demo;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamContact;
import dev.ownership.operator.controller.WorkloadEventRecorder;
import dev.ownership.operator.controller.WorkloadProjection;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.text.TextTable;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Team registry as the operator left it, read back from the API: every Team with its on-call
 * contact and status, then the registry at work: aliases the operator wrote as the Team's name, the
 * team values it caught as unknown (its own {@code UnknownTeam} Events, with their "did you mean"),
 * and the Teams due for review.
 */
public final class TeamReport {
  static final String TEAMS = "Teams";
  static final String AT_WORK = "The registry at work";

  private TeamReport() {}

  public static void print(
      KubernetesClient client, OwnerLabelKeys keys, TeamRegistryMode mode, PrintWriter out) {
    List<Team> teams = teams(client);
    if (teams.isEmpty()) {
      out.println("Teams: none registered, so any team name is accepted (kubectl get teams).");
      out.flush();
      return;
    }
    TeamRegistry registry = TeamRegistry.of(teams, mode);
    printTeams(teams, out);
    out.println();
    out.println(AT_WORK + " (--team-registry " + mode.value() + "):");
    List<String> aliases = aliases(client, keys, registry);
    List<String> unknown = unknownTeamEvents(client);
    List<String> due = reviewDue(teams);
    aliases.forEach(line -> out.println("  alias       " + line));
    unknown.forEach(line -> out.println("  unknown     " + line));
    due.forEach(line -> out.println("  review due  " + line));
    if (aliases.isEmpty() && unknown.isEmpty() && due.isEmpty()) {
      out.println("  every team value names a Team, and every Team is reviewed");
    }
    out.flush();
  }

  static List<Team> teams(KubernetesClient client) {
    List<Team> teams = new ArrayList<>(client.resources(Team.class).list().getItems());
    teams.sort(Comparator.comparing(t -> t.getMetadata().getName()));
    return teams;
  }

  private static void printTeams(List<Team> teams, PrintWriter out) {
    TextTable table =
        new TextTable(
            List.of(
                "NAME",
                "DISPLAY NAME",
                "ALIASES",
                "ON-CALL",
                "SERVICES",
                "WORKLOADS",
                "REVIEWED",
                "REVIEW DUE"));
    for (Team team : teams) {
      var spec = team.getSpec();
      var status = team.getStatus();
      table.row(
          List.of(
              team.getMetadata().getName(),
              team.displayName(),
              spec == null || spec.getAliases().isEmpty()
                  ? "-"
                  : String.join(",", spec.getAliases()),
              onCall(team),
              status == null || status.getServices() == null ? "-" : "" + status.getServices(),
              status == null || status.getWorkloads() == null ? "-" : "" + status.getWorkloads(),
              spec == null || spec.getReviewedAt() == null ? "never" : spec.getReviewedAt(),
              reviewDue(team).map(c -> c.getStatus().equals("True") ? "yes" : "no").orElse("-")));
    }
    out.println(
        TEAMS
            + " (kubectl get teams; ownership.dev/team always carries one of these names, never an"
            + " alias):");
    table.print(out, "  ");
  }

  /** The contact paged first, e.g. {@code pagerduty PXYZ123}; {@code -} when none says onCall. */
  static String onCall(Team team) {
    if (team.getSpec() == null) return "-";
    return team.getSpec().getContacts().stream()
        .filter(TeamContact::isOnCall)
        .findFirst()
        .map(c -> c.getType().wireName() + " " + c.getValue())
        .orElse("-");
  }

  private static java.util.Optional<Condition> reviewDue(Team team) {
    if (team.getStatus() == null) return java.util.Optional.empty();
    return team.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("ReviewDue"))
        .findFirst();
  }

  /**
   * Each alias a workload label, a ServiceOwnership or a namespace writes, with what the operator
   * wrote on the workloads instead.
   */
  static List<String> aliases(KubernetesClient client, OwnerLabelKeys keys, TeamRegistry registry) {
    List<String> lines = new ArrayList<>();
    for (GenericKubernetesResource resource : DemoWorkloads.list(client)) {
      WorkloadKind kind = DemoWorkloads.kindOf(resource);
      Workload workload = WorkloadProjection.toWorkload(kind, resource);
      Map<String, String> annotations = resource.getMetadata().getAnnotations();
      String written = annotations == null ? null : annotations.get(OwnershipKeys.TEAM_ANNOTATION);
      for (String key : keys.keys()) {
        String value = workload.labels().get(key);
        if (value == null) continue;
        String team = registry.canonical(value).filter(name -> !name.equals(value)).orElse(null);
        if (team == null) continue;
        lines.add(
            workload.ref()
                + ": label "
                + key
                + "="
                + value
                + " is an alias of Team "
                + team
                + "; the operator wrote "
                + OwnershipKeys.TEAM_ANNOTATION
                + "="
                + (written == null ? "(nothing)" : written));
      }
    }
    for (ServiceOwnership so :
        client.resources(ServiceOwnership.class).inAnyNamespace().list().getItems()) {
      String value = so.getSpec() == null ? null : so.getSpec().getTeam();
      if (value == null) continue;
      registry
          .canonical(value)
          .filter(name -> !name.equals(value))
          .ifPresent(
              team ->
                  lines.add(
                      "ServiceOwnership "
                          + so.getMetadata().getNamespace()
                          + "/"
                          + so.getMetadata().getName()
                          + ": spec.team "
                          + value
                          + " is an alias of Team "
                          + team));
    }
    return lines;
  }

  /** The controller's own words: its {@code UnknownTeam} Events, on workloads and on resources. */
  static List<String> unknownTeamEvents(KubernetesClient client) {
    List<Event> events =
        new ArrayList<>(
            client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> WorkloadEventRecorder.REASON_UNKNOWN_TEAM.equals(e.getReason()))
                .toList());
    events.sort(
        Comparator.comparing((Event e) -> e.getInvolvedObject().getNamespace())
            .thenComparing(e -> e.getInvolvedObject().getKind())
            .thenComparing(e -> e.getInvolvedObject().getName())
            .thenComparing(Event::getMessage));
    return events.stream().map(e -> e.getMessage() + " (Event UnknownTeam)").toList();
  }

  private static List<String> reviewDue(List<Team> teams) {
    List<String> lines = new ArrayList<>();
    for (Team team : teams) {
      reviewDue(team)
          .filter(c -> c.getStatus().equals("True"))
          .ifPresent(
              c -> lines.add("Team " + team.getMetadata().getName() + ": " + c.getMessage()));
    }
    return lines;
  }

  /**
   * Whether what this report shows is settled: every Team's status is current, and every workload
   * the operator left owned by a team no Team answers to has its {@code UnknownTeam} Event (Events
   * are recorded off the controller's thread).
   */
  static boolean settled(KubernetesClient client, TeamRegistryMode mode) {
    List<Team> teams = teams(client);
    if (teams.isEmpty() || mode == TeamRegistryMode.OFF) return true;
    for (Team team : teams) {
      if (team.getStatus() == null
          || !Objects.equals(
              team.getStatus().getObservedGeneration(), team.getMetadata().getGeneration())) {
        return false;
      }
    }
    TeamRegistry registry = TeamRegistry.of(teams, mode);
    List<Event> events =
        client.v1().events().inAnyNamespace().list().getItems().stream()
            .filter(e -> WorkloadEventRecorder.REASON_UNKNOWN_TEAM.equals(e.getReason()))
            .toList();
    for (GenericKubernetesResource resource : DemoWorkloads.list(client)) {
      Map<String, String> annotations = resource.getMetadata().getAnnotations();
      String written = annotations == null ? null : annotations.get(OwnershipKeys.TEAM_ANNOTATION);
      if (written == null || registry.canonical(written).isPresent()) continue;
      boolean reported =
          events.stream()
              .anyMatch(
                  e ->
                      e.getInvolvedObject().getName().equals(resource.getMetadata().getName())
                          && Objects.equals(
                              e.getInvolvedObject().getNamespace(),
                              resource.getMetadata().getNamespace())
                          && e.getInvolvedObject().getKind().equals(resource.getKind()));
      if (!reported) return false;
    }
    return true;
  }
}
