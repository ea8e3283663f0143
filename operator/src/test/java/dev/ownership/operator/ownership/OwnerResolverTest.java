package dev.ownership.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of INTERFACE §2 and its precedence, as a table. */
class OwnerResolverTest {
  static final OwnerResolver RESOLVER = new OwnerResolver(OwnerLabelKeys.DEFAULT);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static OwnershipClaim claim(
      String name, String team, Map<String, String> matchLabels, Instant created) {
    try {
      return new OwnershipClaim(
          "shop",
          name,
          team,
          name,
          created,
          LabelSelectorMatcher.compile(
              new LabelSelectorBuilder().withMatchLabels(matchLabels).build()));
    } catch (InvalidSelectorException e) {
      throw new AssertionError(e);
    }
  }

  static Workload workload(Map<String, String> labels) {
    return new Workload(
        new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart"), labels, List.of());
  }

  record Case(
      String name,
      Map<String, String> labels,
      Map<String, String> namespaceLabels,
      List<OwnershipClaim> claims,
      OwnershipStatus status,
      String team,
      String service,
      String source,
      int conflicts,
      int invalidLabels) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    OwnershipClaim checkoutOld = claim("checkout", "payments", Map.of("app", "cart"), T0);
    OwnershipClaim searchNew = claim("search", "search", Map.of("app", "cart"), T0.plusSeconds(60));
    OwnershipClaim paymentsNew =
        claim("payments-2", "payments", Map.of("app", "cart"), T0.plusSeconds(60));
    OwnershipClaim everything = claim("everything", "platform", Map.of(), T0.plusSeconds(120));
    OwnershipClaim other = claim("other", "other", Map.of("app", "other"), T0);
    OwnershipClaim sameAgeB = claim("b-claim", "team-b", Map.of("app", "cart"), T0);
    OwnershipClaim sameAgeA = claim("a-claim", "team-a", Map.of("app", "cart"), T0);
    Map<String, String> nsTeam = Map.of("ownership.dev/team", "storefront");
    List<Case> cases =
        new ArrayList<>(
            List.of(
                new Case(
                    "nothing at all",
                    Map.of("app", "cart"),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.UNOWNED,
                    null,
                    null,
                    null,
                    0,
                    0),
                new Case(
                    "first key ownership.dev/team",
                    Map.of("ownership.dev/team", "a", "team", "b", "owner", "c"),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.OWNED,
                    "a",
                    null,
                    "label",
                    0,
                    0),
                new Case(
                    "second key team",
                    Map.of("team", "b", "owner", "c"),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.OWNED,
                    "b",
                    null,
                    "label",
                    0,
                    0),
                new Case(
                    "third key owner",
                    Map.of("owner", "c"),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.OWNED,
                    "c",
                    null,
                    "label",
                    0,
                    0),
                new Case(
                    "invalid first key is skipped and reported",
                    Map.of("ownership.dev/team", "Bad_Team", "owner", "c"),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.OWNED,
                    "c",
                    null,
                    "label",
                    0,
                    1),
                new Case(
                    "only invalid label is unowned",
                    Map.of("team", "-x-"),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.UNOWNED,
                    null,
                    null,
                    null,
                    0,
                    1),
                new Case(
                    "too long team is invalid",
                    Map.of("team", "a".repeat(64)),
                    Map.of(),
                    List.of(),
                    OwnershipStatus.UNOWNED,
                    null,
                    null,
                    null,
                    0,
                    1),
                new Case(
                    "label beats namespace",
                    Map.of("team", "b"),
                    nsTeam,
                    List.of(),
                    OwnershipStatus.OWNED,
                    "b",
                    null,
                    "label",
                    0,
                    0),
                new Case(
                    "ServiceOwnership beats namespace",
                    Map.of("app", "cart"),
                    nsTeam,
                    List.of(checkoutOld),
                    OwnershipStatus.OWNED,
                    "payments",
                    "checkout",
                    "ServiceOwnership/checkout",
                    0,
                    0),
                new Case(
                    "namespace fallback",
                    Map.of("app", "cart"),
                    nsTeam,
                    List.of(other),
                    OwnershipStatus.OWNED,
                    "storefront",
                    null,
                    "namespace",
                    0,
                    0),
                new Case(
                    "invalid namespace team is ignored",
                    Map.of("app", "cart"),
                    Map.of("ownership.dev/team", "Not Valid"),
                    List.of(),
                    OwnershipStatus.UNOWNED,
                    null,
                    null,
                    null,
                    0,
                    0),
                new Case(
                    "label agrees with ServiceOwnership",
                    Map.of("team", "payments", "app", "cart"),
                    Map.of(),
                    List.of(checkoutOld),
                    OwnershipStatus.OWNED,
                    "payments",
                    null,
                    "label",
                    0,
                    0),
                new Case(
                    "label disagrees with ServiceOwnership",
                    Map.of("team", "fulfilment", "app", "cart"),
                    Map.of(),
                    List.of(checkoutOld),
                    OwnershipStatus.CONFLICT,
                    "fulfilment",
                    null,
                    "label",
                    1,
                    0),
                new Case(
                    "oldest ServiceOwnership wins, newer disagrees",
                    Map.of("app", "cart"),
                    Map.of(),
                    List.of(searchNew, checkoutOld),
                    OwnershipStatus.CONFLICT,
                    "payments",
                    "checkout",
                    "ServiceOwnership/checkout",
                    1,
                    0),
                new Case(
                    "two ServiceOwnerships agree",
                    Map.of("app", "cart"),
                    Map.of(),
                    List.of(paymentsNew, checkoutOld),
                    OwnershipStatus.OWNED,
                    "payments",
                    "checkout",
                    "ServiceOwnership/checkout",
                    0,
                    0),
                new Case(
                    "same age: name breaks the tie",
                    Map.of("app", "cart"),
                    Map.of(),
                    List.of(sameAgeB, sameAgeA),
                    OwnershipStatus.CONFLICT,
                    "team-a",
                    "a-claim",
                    "ServiceOwnership/a-claim",
                    1,
                    0),
                new Case(
                    "empty selector selects everything",
                    Map.of("anything", "x"),
                    Map.of(),
                    List.of(everything),
                    OwnershipStatus.OWNED,
                    "platform",
                    "everything",
                    "ServiceOwnership/everything",
                    0,
                    0),
                new Case(
                    "label with two disagreeing ServiceOwnerships",
                    Map.of("owner", "x", "app", "cart"),
                    Map.of(),
                    List.of(checkoutOld, searchNew),
                    OwnershipStatus.CONFLICT,
                    "x",
                    null,
                    "label",
                    2,
                    0)));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(Case c) {
    Resolution r =
        RESOLVER.resolve(workload(c.labels()), c.namespaceLabels(), NamespaceClaims.of(c.claims()));
    assertThat(r.status()).isEqualTo(c.status());
    assertThat(r.team()).isEqualTo(c.team());
    assertThat(r.service()).isEqualTo(c.service());
    assertThat(r.source() == null ? null : r.source().annotationValue()).isEqualTo(c.source());
    assertThat(r.conflicts()).hasSize(c.conflicts());
    assertThat(r.invalidLabels()).hasSize(c.invalidLabels());
  }

  @Test
  void conflictNamesBothTeamsAndTheOverruledClaim() {
    OwnershipClaim old = claim("checkout", "payments", Map.of("app", "cart"), T0);
    OwnershipClaim newer = claim("search", "search", Map.of("app", "cart"), T0.plusSeconds(1));
    Resolution r =
        RESOLVER.resolve(
            workload(Map.of("app", "cart")), Map.of(), NamespaceClaims.of(List.of(newer, old)));
    assertThat(r.conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo(OwnershipConflict.Reason.OlderServiceOwnershipWins);
              assertThat(c.overruledClaim()).isEqualTo("search");
              assertThat(c.message())
                  .isEqualTo(
                      "ServiceOwnership checkout (team payments) is older and overrides"
                          + " ServiceOwnership search (team search)");
            });
    OwnershipClaim sameAge = claim("alpha", "search", Map.of("app", "cart"), T0);
    Resolution tie =
        RESOLVER.resolve(
            workload(Map.of("app", "cart")), Map.of(), NamespaceClaims.of(List.of(old, sameAge)));
    assertThat(tie.conflictSummary())
        .isEqualTo(
            "ServiceOwnership alpha (team search) is as old (the first by name wins) and overrides"
                + " ServiceOwnership checkout (team payments)");
    assertThat(r.selectingClaims()).containsExactly("checkout", "search");
  }

  @Test
  void customOwnerLabelKeysAreTriedInOrder() {
    OwnerResolver resolver =
        new OwnerResolver(OwnerLabelKeys.parse("app.kubernetes.io/team, squad"));
    Resolution r =
        resolver.resolve(
            workload(Map.of("squad", "s1", "team", "ignored")), Map.of(), NamespaceClaims.NONE);
    assertThat(r.team()).isEqualTo("s1");
    assertThat(r.source()).isEqualTo(OwnerSource.label("squad"));
  }

  @Test
  void podTemplateLabelsAreOverlaidByTheWorkloadsOwn() {
    Map<String, String> labels =
        Workload.effectiveLabels(Map.of("team", "own"), Map.of("team", "template", "app", "cart"));
    assertThat(labels).containsEntry("team", "own").containsEntry("app", "cart");
  }

  @Test
  void jobsControlledByACronJobAreNotSeparateWorkloads() {
    Workload job =
        new Workload(
            new WorkloadRef(WorkloadKind.JOB, "shop", "nightly-1"),
            Map.of(),
            List.of(new ControllerReference("batch/v1", "CronJob", "nightly", true)));
    Workload adopted =
        new Workload(
            new WorkloadRef(WorkloadKind.JOB, "shop", "x"),
            Map.of(),
            List.of(new ControllerReference("example.com/v1", "Pipeline", "p", true)));
    assertThat(job.isPartOfAnotherWorkload()).isTrue();
    assertThat(adopted.isPartOfAnotherWorkload()).isFalse();
  }

  @Test
  void onlyAJobUnderACronJobIsPartOfAnotherWorkloadSoNoOwnerReferenceCanExemptOne() {
    ControllerReference deployment = new ControllerReference("apps/v1", "Deployment", "web", true);
    ControllerReference cronJob = new ControllerReference("batch/v1", "CronJob", "nightly", true);
    ControllerReference legacyCronJob =
        new ControllerReference("batch/v1beta1", "CronJob", "nightly", true);
    ControllerReference notController = new ControllerReference("batch/v1", "CronJob", "n", false);
    assertThat(of(WorkloadKind.DEPLOYMENT, deployment).isPartOfAnotherWorkload()).isFalse();
    assertThat(of(WorkloadKind.DEPLOYMENT, cronJob).isPartOfAnotherWorkload()).isFalse();
    assertThat(of(WorkloadKind.STATEFULSET, deployment).isPartOfAnotherWorkload()).isFalse();
    assertThat(of(WorkloadKind.JOB, deployment).isPartOfAnotherWorkload()).isFalse();
    assertThat(of(WorkloadKind.JOB, notController).isPartOfAnotherWorkload()).isFalse();
    assertThat(of(WorkloadKind.JOB, cronJob).isPartOfAnotherWorkload()).isTrue();
    assertThat(of(WorkloadKind.JOB, legacyCronJob).isPartOfAnotherWorkload()).isTrue();
  }

  private static Workload of(WorkloadKind kind, ControllerReference owner) {
    return new Workload(new WorkloadRef(kind, "shop", "w"), Map.of(), List.of(owner));
  }

  /** An invalid team under a later key is still reported when an earlier key named a valid team. */
  @Test
  void everyOwnerLabelKeyIsCheckedEvenAfterAValidOne() {
    Resolution r =
        RESOLVER.resolve(
            workload(Map.of("ownership.dev/team", "payments", "team", "Bad_Team")),
            Map.of(),
            NamespaceClaims.NONE);
    assertThat(r.team()).isEqualTo("payments");
    assertThat(r.invalidLabels()).containsExactly(new InvalidOwnerLabel("team", "Bad_Team"));
  }

  /** Manifests read offline have no creation time: applied (dated) claims win over them. */
  @Test
  void claimsWithoutACreationTimeComeAfterDatedOnes() {
    OwnershipClaim undated = claim("aaa-undated", "search", Map.of("app", "cart"), null);
    OwnershipClaim dated = claim("zzz-dated", "payments", Map.of("app", "cart"), T0);
    NamespaceClaims claims = NamespaceClaims.of(List.of(undated, dated));
    assertThat(claims.inPrecedenceOrder()).containsExactly(dated, undated);
    Resolution r = RESOLVER.resolve(workload(Map.of("app", "cart")), Map.of(), claims);
    assertThat(r.team()).isEqualTo("payments");
    assertThat(r.conflicts())
        .singleElement()
        .satisfies(c -> assertThat(c.overruledClaim()).isEqualTo("aaa-undated"));
  }

  /** A label value that is JSON null reads as "" everywhere: an invalid team, not a missing one. */
  @Test
  void aNullLabelValueIsTheEmptyStringAndAnInvalidTeam() throws Exception {
    Map<String, Object> raw = new java.util.HashMap<>();
    raw.put("team", null);
    Map<String, String> labels = LabelValues.read(raw, "metadata.labels");
    assertThat(labels).containsEntry("team", "");
    Resolution r = RESOLVER.resolve(workload(labels), Map.of(), NamespaceClaims.NONE);
    assertThat(r.isOwned()).isFalse();
    assertThat(r.invalidLabels()).containsExactly(new InvalidOwnerLabel("team", ""));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LabelValues.read(Map.of("tier", 2), "metadata.labels"))
        .hasMessage("metadata.labels.tier is a number; label values are strings");
  }

  /** Thousands of overlapping claims: the summary stays short, and says how many it left out. */
  @Test
  void aConflictSummaryIsBoundedHoweverManyClaimsOverlap() {
    List<OwnershipClaim> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add(claim("so-" + i, "team-" + i, Map.of(), T0.plusSeconds(i)));
    }
    Resolution r = RESOLVER.resolve(workload(Map.of()), Map.of(), NamespaceClaims.of(many));
    assertThat(r.conflicts()).hasSize(1999);
    String summary = r.conflictSummary();
    assertThat(summary).endsWith("; and 1994 more").hasSizeLessThan(1200);
  }
}
