package dev.ownership.operator.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.InvalidSelectorException;
import dev.ownership.operator.ownership.LabelSelectorMatcher;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From suggestions to ServiceOwnerships (or labels) that claim exactly what was suggested. */
class ClaimPlannerTest {
  static Map<String, String> labels(String... pairs) {
    return SignalTableTest.with(Map.of(), pairs);
  }

  static final String PART_OF = "app.kubernetes.io/part-of";

  /**
   * What every proposal must hold: it selects each workload it names, and any other workload it
   * selects is already owned, without conflict, by the same team.
   */
  static void assertClean(NamespaceSnapshot snapshot, ClaimPlan plan) throws Exception {
    for (ProposedClaim claim : plan.claims()) {
      LabelSelectorMatcher matcher = LabelSelectorMatcher.compile(claim.selector());
      for (ObservedWorkload w : snapshot.workloads()) {
        boolean selected = matcher.matches(w.workload().labels());
        if (claim.workloads().contains(w.ref())) {
          assertThat(selected).as("%s selects %s", claim.name(), w.ref()).isTrue();
        } else if (selected) {
          assertThat(w.resolution().status())
              .as("%s also selects %s", claim.name(), w.ref())
              .isEqualTo(OwnershipStatus.OWNED);
          assertThat(w.resolution().team()).isEqualTo(claim.team());
        }
      }
    }
  }

  static ClaimPlan plan(Shop shop) throws Exception {
    NamespaceSuggestions suggestions = shop.suggestions();
    ClaimPlan plan = suggestions.claimPlan();
    assertClean(suggestions.snapshot(), plan);
    return plan;
  }

  @Test
  void aServiceTiedByOneLabelIsClaimedByIt() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .deployment("cart", labels("team", "web", PART_OF, "shop", "app", "cart"))
                .deployment("ledger", labels("team", "payments", "app", "ledger"))
                .deployment("worker", labels(PART_OF, "shop", "app", "worker"))
                .deployment("cron", labels(PART_OF, "shop", "app", "cron"))
                .deployment("lonely", labels("app", "lonely")));
    assertThat(plan.claims())
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(claim.name()).isEqualTo("shop");
              assertThat(claim.team()).isEqualTo("web");
              assertThat(claim.selectorText()).isEqualTo(PART_OF + "=shop");
              assertThat(claim.confidence()).isEqualTo(Confidence.MEDIUM);
              assertThat(claim.workloads())
                  .extracting(WorkloadRef::name)
                  .containsExactly("cron", "worker");
              assertThat(claim.evidence())
                  .containsExactly(
                      "same application (app.kubernetes.io/part-of) \"shop\" as Deployment"
                          + " shop/cart (owned by web)");
            });
    assertThat(plan.labels()).isEmpty();
  }

  @Test
  void aLabelAnotherTeamAlsoCarriesGivesWayToAnInOverNames() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .deployment(
                    "cart", labels("team", "web", PART_OF, "shop"), Map.of(), "ghcr.io/a/web:1")
                .deployment("cart2", labels("team", "web"))
                .deployment("ledger", labels("team", "payments", PART_OF, "shop"))
                .deployment(
                    "worker", labels(PART_OF, "shop", "app", "worker"), Map.of(), "ghcr.io/a/web:2")
                .deployment(
                    "cron", labels(PART_OF, "shop", "app", "cron"), Map.of(), "ghcr.io/a/web:3"));
    assertThat(plan.claims())
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(claim.team()).isEqualTo("web");
              assertThat(claim.selectorText()).isEqualTo("app in (cron,worker)");
              assertThat(claim.confidence()).isEqualTo(Confidence.LOW);
            });
  }

  @Test
  void whatNoSelectorCanClaimTogetherIsClaimedOneByOneOrLabelled() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .claim("worker", "platform", Map.of("name", "nothing-selected"))
                .deployment("cart", labels("team", "web", PART_OF, "shop"))
                .deployment("ledger", labels("team", "payments", PART_OF, "shop"))
                .deployment("books", labels("team", "web"))
                .deployment("worker", labels(PART_OF, "shop", "app", "worker"))
                .deployment("bare", labels(PART_OF, "shop")));
    // part-of selects ledger (payments) too, only one of the two has a name label: worker gets
    // its own ServiceOwnership (named apart from the existing one), bare an owner label.
    assertThat(plan.claims())
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(claim.name()).isEqualTo("worker-2");
              assertThat(claim.selectorText()).isEqualTo("app=worker");
            });
    assertThat(plan.labels())
        .singleElement()
        .satisfies(
            label -> {
              assertThat(label.workload().name()).isEqualTo("bare");
              assertThat(label.team()).isEqualTo("web");
            });
    assertThat(
            ClaimManifests.labelCommand(plan.labels().get(0), "ownership.dev/team").orElseThrow())
        .isEqualTo("kubectl label --namespace shop deployment/bare ownership.dev/team=web");
  }

  @Test
  void neverAnUnownedWorkloadThatWasNotSuggestedNorAVolatileLabel() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .deployment(
                    "cart", labels("team", "web", "tier", "front"), Map.of(), "ghcr.io/a/web:1")
                .deployment("books", labels("team", "payments"))
                .deployment(
                    "worker",
                    labels(
                        "tier",
                        "front",
                        "app.kubernetes.io/version",
                        "1.0",
                        "pod-template-hash",
                        "x"),
                    Map.of(),
                    "ghcr.io/a/web:1")
                // Shares tier=front but nothing ties it to web: no suggestion, so tier cannot be
                // the selector.
                .deployment(
                    "stranger", labels("tier", "front", "app.kubernetes.io/version", "1.0")));
    assertThat(plan.claims()).isEmpty();
    assertThat(plan.labels()).extracting(l -> l.workload().name()).containsExactly("worker");
  }

  @Test
  void nameHintsAndTheNamespaceMajorityMakeOneServicePerWorkload() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .deployment("carts", labels("team", "sock", "name", "carts"))
                .deployment("carts-db", labels("name", "carts-db"))
                .deployment("orders", labels("name", "orders"))
                .claim("carts", "sock", Map.of("name", "carts")));
    assertThat(plan.claims())
        .extracting(c -> c.name() + " " + c.selectorText())
        .containsExactly("carts-db name=carts-db", "orders name=orders");
  }

  @Test
  void labelValuesNoSelectorMayCarryAreNotUsed() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .deployment("cart", labels("team", "web", PART_OF, "not a label value"))
                .deployment("worker", labels(PART_OF, "not a label value")));
    assertThat(plan.claims()).isEmpty();
    assertThat(plan.labels()).extracting(l -> l.workload().name()).containsExactly("worker");
  }

  @Test
  void kubectlLinesOnlyForNamesTheApiServerAccepts() {
    WorkloadRef odd =
        new WorkloadRef(
            dev.ownership.operator.ownership.WorkloadKind.JOB, "shop", "pi\n; rm -rf /");
    assertThat(ClaimManifests.labelCommand(new ProposedLabel(odd, "web", Confidence.LOW), "team"))
        .isEmpty();
    WorkloadRef fine =
        new WorkloadRef(dev.ownership.operator.ownership.WorkloadKind.JOB, "shop", "pi");
    assertThat(ClaimManifests.labelCommand(new ProposedLabel(fine, "Web", Confidence.LOW), "team"))
        .isEmpty();
    assertThat(ClaimManifests.labelCommand(new ProposedLabel(fine, "web", Confidence.LOW), "a b"))
        .isEmpty();
    assertThat(ClaimManifests.labelCommand(new ProposedLabel(fine, "web", Confidence.LOW), "team"))
        .contains("kubectl label --namespace shop job/pi team=web");
  }

  static LabelSelectorMatcher compile(ProposedClaim claim) {
    try {
      return LabelSelectorMatcher.compile(claim.selector());
    } catch (InvalidSelectorException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theProposalServesAsAServiceOwnershipObject() throws Exception {
    ClaimPlan plan =
        plan(
            new Shop()
                .deployment("cart", labels("team", "web", PART_OF, "shop"))
                .deployment("worker", labels(PART_OF, "shop")));
    var object = ClaimManifests.serviceOwnership(plan.claims().get(0));
    assertThat(object.toString())
        .isEqualTo(
            "{\"apiVersion\":\"ownership.dev/v1alpha1\",\"kind\":\"ServiceOwnership\",\"metadata\":"
                + "{\"name\":\"worker\",\"namespace\":\"shop\",\"annotations\":"
                + "{\"suggest.ownership.dev/confidence\":\"medium\","
                + "\"suggest.ownership.dev/evidence\":\"same"
                + " application (app.kubernetes.io/part-of) \\\"shop\\\" as Deployment shop/cart"
                + " (owned by web); team web owns 1 of the 1 owned workloads in namespace shop"
                + " (Deployment"
                + " shop/cart)\"}},\"spec\":{\"team\":\"web\",\"selector\":{\"matchLabels\":"
                + "{\"app.kubernetes.io/part-of\":\"shop\"}}}}");
    assertThat(compile(plan.claims().get(0)).describe()).isEqualTo(PART_OF + "=shop");
    assertThat(plan.claimFor(plan.claims().get(0).workloads().get(0)))
        .contains(plan.claims().get(0));
  }
}
