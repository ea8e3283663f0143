package dev.ownership.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.api.Team;
import dev.ownership.operator.testing.Manifests;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule of INTERFACE §8 for the resolver: off, warn, enforce; aliases; not in use. */
class TeamRegistryTest {
  static final OwnerResolver RESOLVER = new OwnerResolver(OwnerLabelKeys.DEFAULT);

  static Team team(String name, String... aliases) {
    return Manifests.team(name, aliases);
  }

  static TeamRegistry registry(TeamRegistryMode mode, Team... teams) {
    return TeamRegistry.of(List.of(teams), mode);
  }

  static Workload workload(Map<String, String> labels) {
    return new Workload(
        new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart"), labels, List.of());
  }

  static NamespaceClaims claim(String name, String team) throws Exception {
    return NamespaceClaims.of(
        List.of(
            new OwnershipClaim(
                "shop",
                name,
                team,
                name,
                Instant.EPOCH,
                LabelSelectorMatcher.compile(new LabelSelectorBuilder().build()))));
  }

  static Resolution resolve(
      TeamRegistry teams,
      Map<String, String> labels,
      Map<String, String> ns,
      NamespaceClaims claims) {
    return RESOLVER.resolve(workload(labels), ns, claims, teams);
  }

  @Test
  void notInUseUntilTheFirstTeamExistsOrWhenOff() {
    TeamRegistry empty = registry(TeamRegistryMode.ENFORCE);
    TeamRegistry off = registry(TeamRegistryMode.OFF, team("payments"));
    for (TeamRegistry teams : List.of(empty, off, TeamRegistry.NONE)) {
      assertThat(teams.inUse()).isFalse();
      Resolution r = resolve(teams, Map.of("team", "paymnts"), Map.of(), NamespaceClaims.NONE);
      assertThat(r.team()).isEqualTo("paymnts");
      assertThat(r.unknownTeams()).isEmpty();
      assertThat(r.unregistered()).isFalse();
      assertThat(r)
          .isEqualTo(
              resolve(
                  TeamRegistry.NONE, Map.of("team", "paymnts"), Map.of(), NamespaceClaims.NONE));
    }
  }

  @Test
  void anAliasResolvesToTheTeamsNameAndTheSourceStays() {
    TeamRegistry teams =
        registry(TeamRegistryMode.ENFORCE, team("payments", "pay", "team-payments"));
    Resolution r = resolve(teams, Map.of("team", "pay"), Map.of(), NamespaceClaims.NONE);
    assertThat(r.team()).isEqualTo("payments");
    assertThat(r.source()).isEqualTo(OwnerSource.label("team"));
    assertThat(r.unknownTeams()).isEmpty();
    assertThat(WorkloadMarks.of(r).team()).isEqualTo("payments");
  }

  @Test
  void aLabelAndAServiceOwnershipNamingTheSameTeamByAliasAgree() throws Exception {
    TeamRegistry teams = registry(TeamRegistryMode.WARN, team("payments", "pay"));
    Resolution r = resolve(teams, Map.of("team", "pay"), Map.of(), claim("checkout", "payments"));
    assertThat(r.status()).isEqualTo(OwnershipStatus.OWNED);
    assertThat(r.conflicts()).isEmpty();
  }

  @Test
  void warnStillOwnsWithAnUnknownTeamAndReportsItWithTheClosestNames() {
    TeamRegistry teams = registry(TeamRegistryMode.WARN, team("payments"), team("search"));
    Resolution r = resolve(teams, Map.of("team", "paymnts"), Map.of(), NamespaceClaims.NONE);
    assertThat(r.team()).isEqualTo("paymnts");
    assertThat(r.isOwned()).isTrue();
    assertThat(r.unregistered()).isTrue();
    assertThat(r.unknownTeams()).containsExactly(new UnknownTeam("paymnts", "label team"));
    assertThat(r.unknownTeams().get(0).message(teams))
        .isEqualTo("team paymnts (label team) is not a registered Team; did you mean payments?");
    assertThat(new UnknownTeam("zzz", "label team").message(teams))
        .endsWith("no registered team is close");
  }

  @Test
  void enforceSkipsAnUnknownLabelAndFallsThroughToTheNextRule() throws Exception {
    TeamRegistry teams = registry(TeamRegistryMode.ENFORCE, team("payments"), team("storefront"));
    Resolution label =
        resolve(
            teams, Map.of("team", "paymnts", "owner", "payments"), Map.of(), NamespaceClaims.NONE);
    assertThat(label.team()).isEqualTo("payments");
    assertThat(label.source()).isEqualTo(OwnerSource.label("owner"));

    Resolution toClaim =
        resolve(teams, Map.of("team", "paymnts"), Map.of(), claim("checkout", "payments"));
    assertThat(toClaim.source()).isEqualTo(OwnerSource.serviceOwnership("checkout"));

    Resolution toNamespace =
        resolve(
            teams,
            Map.of("team", "paymnts"),
            Map.of("ownership.dev/team", "storefront"),
            claim("x", "nobody"));
    assertThat(toNamespace.source()).isEqualTo(OwnerSource.namespace());
    assertThat(toNamespace.selectingClaims())
        .as("a claim naming an unknown team owns nothing")
        .isEmpty();
    assertThat(toNamespace.unknownTeams())
        .extracting(UnknownTeam::value)
        .containsExactly("paymnts", "nobody");

    Resolution unowned =
        resolve(teams, Map.of(), Map.of("ownership.dev/team", "storefrnt"), NamespaceClaims.NONE);
    assertThat(unowned.isOwned()).as("an unknown namespace team is ignored").isFalse();
    assertThat(unowned.unknownTeams())
        .extracting(UnknownTeam::where)
        .containsExactly("namespace label ownership.dev/team");
  }

  /**
   * A workload's team is unregistered when the value that would own it with unknown values accepted
   * names no Team: the same workloads in warn (owned by that value) and enforce (fallen through).
   */
  @Test
  void theSameWorkloadsAreUnregisteredInWarnAndInEnforce() throws Exception {
    record Case(
        String why,
        Map<String, String> labels,
        Map<String, String> ns,
        NamespaceClaims claims,
        boolean unregistered) {}
    List<Case> cases =
        List.of(
            new Case("a registered label", Map.of("team", "payments"), Map.of(), null, false),
            new Case("an alias", Map.of("team", "pay"), Map.of(), null, false),
            new Case("a typo'd label", Map.of("team", "paymnts"), Map.of(), null, true),
            new Case(
                "a typo'd label before a registered one",
                Map.of("team", "paymnts", "owner", "payments"),
                Map.of(),
                null,
                true),
            new Case(
                "a typo'd label over a registered ServiceOwnership",
                Map.of("team", "paymnts"),
                Map.of(),
                claim("checkout", "payments"),
                true),
            new Case(
                "a registered label over a typo'd ServiceOwnership (reported on that one)",
                Map.of("team", "payments"),
                Map.of(),
                claim("checkout", "paymnts"),
                false),
            new Case(
                "a typo'd ServiceOwnership over a registered namespace",
                Map.of(),
                Map.of("ownership.dev/team", "storefront"),
                claim("checkout", "paymnts"),
                true),
            new Case(
                "a typo'd namespace label",
                Map.of(),
                Map.of("ownership.dev/team", "storefrnt"),
                null,
                true),
            new Case(
                "a registered namespace label",
                Map.of(),
                Map.of("ownership.dev/team", "pay"),
                null,
                false),
            new Case("no team at all", Map.of(), Map.of(), null, false),
            new Case(
                "an invalid label is no team value", Map.of("team", "Pay"), Map.of(), null, false));
    for (TeamRegistryMode mode : List.of(TeamRegistryMode.WARN, TeamRegistryMode.ENFORCE)) {
      TeamRegistry teams = registry(mode, team("payments", "pay"), team("storefront"));
      for (Case c : cases) {
        NamespaceClaims claims = c.claims() == null ? NamespaceClaims.NONE : c.claims();
        assertThat(resolve(teams, c.labels(), c.ns(), claims).unregistered())
            .as("%s, %s", mode, c.why())
            .isEqualTo(c.unregistered());
      }
    }
    // Without the registry in use nothing is unregistered.
    assertThat(
            resolve(
                    registry(TeamRegistryMode.OFF, team("payments")),
                    Map.of("team", "paymnts"),
                    Map.of(),
                    NamespaceClaims.NONE)
                .unregistered())
        .isFalse();
  }

  @Test
  void anAliasTwoTeamsClaimResolvesToNeitherAndBothAreReported() {
    TeamRegistry teams =
        registry(
            TeamRegistryMode.WARN,
            team("payments", "money"),
            team("billing", "money"),
            team("web", "billing"));
    assertThat(teams.canonical("money")).isEmpty();
    assertThat(teams.canonical("billing")).contains("billing");
    assertThat(teams.teamsWithAliasConflicts())
        .containsExactlyInAnyOrder("payments", "billing", "web");
    assertThat(teams.aliasProblem("payments"))
        .contains("alias money is also claimed by Team billing");
    assertThat(teams.aliasProblem("web")).contains("alias billing is the name of Team billing");
  }

  @Test
  void parentsThatDoNotExistOrFormACycleAreReportedNotFollowedForever() {
    Team a = team("a");
    a.getSpec().setParent("b");
    Team b = team("b");
    b.getSpec().setParent("a");
    Team c = team("c");
    c.getSpec().setParent("nowhere");
    TeamRegistry teams = registry(TeamRegistryMode.WARN, a, b, c, team("d"));
    assertThat(teams.parentProblem("a")).startsWith("parents form a cycle: a -> b -> a");
    assertThat(teams.parentProblem("c")).isEqualTo("parent nowhere is not a Team");
    assertThat(teams.parentProblem("d")).isNull();
  }

  @Test
  void tenThousandTeamsStayAMapLookup() {
    List<Team> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) many.add(team("team-" + i, "alias-" + i));
    TeamRegistry teams = TeamRegistry.of(many, TeamRegistryMode.ENFORCE);
    assertThat(teams.canonical("alias-9999")).contains("team-9999");
    assertThat(teams.canonical("team-1234")).contains("team-1234");
    assertThat(teams.closest("team-12345")).contains("team-1234");
  }

  @Test
  void aRememberedSuggestionIsTheSameAsASearchedOneAndTheMemoryIsBounded() {
    TeamRegistry teams = registry(TeamRegistryMode.WARN, team("payments", "pay"), team("search"));
    assertThat(teams.closest("paymnts")).containsExactly("payments");
    // the second answer comes from memory and must not differ
    assertThat(teams.closest("paymnts")).containsExactly("payments");
    for (int i = 0; i < TeamRegistry.REMEMBERED_SUGGESTIONS + 10; i++) teams.closest("x" + i);
    // past the bound values are searched again, still right
    assertThat(teams.closest("serch")).containsExactly("search");
    assertThat(teams.closest("pya")).containsExactly("pay");
    assertThat(teams.didYouMean("zzzzzzz")).isEqualTo("no registered team is close");
  }

  @Test
  void namesDifferingOnlyByCaseAreNotTeamNames() {
    TeamRegistry teams = registry(TeamRegistryMode.ENFORCE, team("payments"));
    Resolution r = resolve(teams, Map.of("team", "Payments"), Map.of(), NamespaceClaims.NONE);
    assertThat(r.isOwned()).isFalse();
    assertThat(r.invalidLabels()).containsExactly(new InvalidOwnerLabel("team", "Payments"));
  }
}
