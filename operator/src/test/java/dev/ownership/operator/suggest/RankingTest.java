package dev.ownership.operator.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which team wins when signals disagree, and how far the confidence drops. */
class RankingTest {
  static final Map<String, String> HELM_SHOP = Map.of("meta.helm.sh/release-name", "shop");

  static Map<String, String> labels(String... pairs) {
    return SignalTableTest.with(Map.of(), pairs);
  }

  record Case(
      String name,
      Shop shop,
      String team,
      Confidence confidence,
      List<Signal> evidence,
      List<String> against) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "a Helm release outranks part-of; the other team's part-of costs one step",
                new Shop()
                    .deployment("cart", labels("team", "web"), HELM_SHOP)
                    .deployment(
                        "ledger", labels("team", "payments", "app.kubernetes.io/part-of", "shop"))
                    .deployment("worker", labels("app.kubernetes.io/part-of", "shop"), HELM_SHOP),
                "web",
                Confidence.MEDIUM,
                List.of(Signal.HELM_RELEASE),
                List.of("payments part-of")),
            new Case(
                "part-of outranks an image; high stays out of reach, medium drops to low",
                new Shop()
                    .deployment("cart", labels("team", "web", "app.kubernetes.io/part-of", "shop"))
                    .deployment("ledger", labels("team", "payments"), Map.of(), "ghcr.io/acme/x:1")
                    .deployment(
                        "worker",
                        labels("app.kubernetes.io/part-of", "shop"),
                        Map.of(),
                        "ghcr.io/acme/x:2"),
                "web",
                Confidence.LOW,
                List.of(Signal.PART_OF),
                List.of("payments image-repository")),
            new Case(
                "even the namespace majority of another team lowers a Helm release one step",
                new Shop()
                    .deployment("cart", labels("team", "web"), HELM_SHOP, "ghcr.io/acme/cart:1")
                    .deployment("ledger", labels("team", "payments"))
                    .deployment("books", labels("team", "payments"))
                    .deployment("worker", labels(), HELM_SHOP, "ghcr.io/acme/cart:2"),
                "web",
                Confidence.MEDIUM,
                List.of(Signal.HELM_RELEASE, Signal.IMAGE_REPOSITORY),
                List.of("payments namespace-majority")),
            new Case(
                "a conflict as strong as the winner's best leaves low",
                new Shop()
                    .deployment("cart", labels("team", "web", "app.kubernetes.io/part-of", "shop"))
                    .deployment(
                        "ledger",
                        labels(
                            "team",
                            "payments",
                            "app.kubernetes.io/instance",
                            "pay",
                            "helm.sh/chart",
                            "ledger-1"))
                    .deployment(
                        "worker",
                        labels(
                            "app.kubernetes.io/part-of",
                            "shop",
                            "app.kubernetes.io/instance",
                            "pay",
                            "helm.sh/chart",
                            "worker-1")),
                "web",
                Confidence.LOW,
                List.of(Signal.PART_OF),
                List.of("payments chart-instance")),
            new Case(
                "one value shared with both teams: more anchors win, at low",
                new Shop()
                    .deployment("cart", labels("team", "web"), Map.of(), "ghcr.io/acme/x:1")
                    .deployment("assets", labels("team", "web"), Map.of(), "ghcr.io/acme/x:1")
                    .deployment("ledger", labels("team", "payments"), Map.of(), "ghcr.io/acme/x:1")
                    .deployment("books", labels("team", "payments"))
                    .deployment("worker", labels(), Map.of(), "ghcr.io/acme/x:3"),
                "web",
                Confidence.LOW,
                List.of(Signal.IMAGE_REPOSITORY),
                List.of("payments image-repository")),
            new Case(
                "at the same best signal, more signals win",
                new Shop()
                    .deployment(
                        "cart",
                        labels("team", "web", "app.kubernetes.io/part-of", "shop"),
                        Map.of(),
                        "ghcr.io/acme/cart:1")
                    .deployment(
                        "ledger",
                        labels("team", "payments", "app.kubernetes.io/part-of", "shop"),
                        Map.of())
                    .deployment(
                        "worker",
                        labels("app.kubernetes.io/part-of", "shop"),
                        Map.of(),
                        "ghcr.io/acme/cart:2"),
                "web",
                Confidence.LOW,
                List.of(Signal.PART_OF, Signal.IMAGE_REPOSITORY),
                List.of("payments part-of")),
            new Case(
                "two teams agreeing signals: none wins, nothing suggested",
                new Shop()
                    .deployment("cart", labels("team", "web"), Map.of(), "ghcr.io/acme/x:1")
                    .deployment("ledger", labels("team", "payments"), Map.of(), "ghcr.io/acme/x:1")
                    .deployment("worker", labels(), Map.of(), "ghcr.io/acme/x:3"),
                null,
                null,
                List.of(),
                List.of("payments image-repository", "web image-repository")),
            new Case(
                "an owner in conflict ties nothing: a dispute does not spread",
                new Shop()
                    .claim("shop", "payments", Map.of("app", "cart"))
                    .deployment("cart", labels("team", "web", "app", "cart"), HELM_SHOP)
                    .deployment("worker", labels(), HELM_SHOP),
                null,
                null,
                List.of(),
                List.of()))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strongestSignalWinsAndConflictsLowerTheConfidence(Case c) {
    Suggestion s = c.shop().suggestion("worker");
    assertThat(s.team()).as("%s", s).isEqualTo(c.team());
    assertThat(s.confidence()).isEqualTo(c.confidence());
    assertThat(s.evidence()).extracting(Evidence::signal).containsExactlyElementsOf(c.evidence());
    assertThat(s.conflicting())
        .extracting(e -> e.team() + " " + e.signal().value())
        .containsExactlyElementsOf(c.against());
    if (c.team() == null && !c.against().isEmpty())
      assertThat(s.reason()).isEqualTo("signals tie between teams payments and web");
  }

  @Test
  void registryCanonicalNamesOnlyAndUnregisteredAnchorsTieNothing() {
    TeamNames registry =
        new TeamNames() {
          @Override
          public boolean inUse() {
            return true;
          }

          @Override
          public Optional<String> canonical(String value) {
            return switch (value) {
              case "payments", "pay" -> Optional.of("payments");
              case "web" -> Optional.of("web");
              default -> Optional.empty();
            };
          }
        };
    Shop shop =
        new Shop()
            .deployment("cart", labels("team", "ghost"), HELM_SHOP)
            .deployment("ledger", labels("team", "pay", "app.kubernetes.io/part-of", "shop"))
            .deployment("books", labels("team", "payments", "app.kubernetes.io/part-of", "shop"))
            .deployment("worker", labels("app.kubernetes.io/part-of", "shop"), HELM_SHOP);
    Suggestion s =
        shop.suggestions(registry)
            .forWorkload(new WorkloadRef(WorkloadKind.DEPLOYMENT, Shop.NS, "worker"))
            .orElseThrow();
    // ghost's Helm release would have won; an unregistered team is never suggested nor opposed.
    assertThat(s.team()).isEqualTo("payments");
    assertThat(s.confidence()).isEqualTo(Confidence.MEDIUM);
    assertThat(s.conflicting()).isEmpty();
    assertThat(s.evidence())
        .extracting(Evidence::message)
        .containsExactly(
            "same application (app.kubernetes.io/part-of) \"shop\" as Deployment shop/books and"
                + " Deployment shop/ledger (owned by payments)",
            "team payments owns 2 of the 2 owned workloads in namespace shop (Deployment shop/books"
                + " and Deployment shop/ledger)");

    // Without the registry, ghost is a team like any other and its Helm release wins.
    Suggestion unregistered = shop.suggestion("worker");
    assertThat(unregistered.team()).isEqualTo("ghost");
    assertThat(unregistered.confidence()).isEqualTo(Confidence.MEDIUM);
  }

  @Test
  void oneWorkloadAtATimeAnswersAsTheWholeNamespaceDoes() {
    Shop shop =
        new Shop()
            .deployment("cart", labels("team", "web", "app.kubernetes.io/part-of", "shop"))
            .deployment("worker", labels("app.kubernetes.io/part-of", "shop"))
            .deployment("cron", labels("app.kubernetes.io/part-of", "shop"));
    NamespaceSuggestions suggestions = shop.suggestions();
    assertThat(suggestions.all()).hasSize(2);
    for (Suggestion s : suggestions.all()) {
      assertThat(suggestions.forWorkload(s.workload())).contains(s);
    }
    assertThat(suggestions.forWorkload(new WorkloadRef(WorkloadKind.DEPLOYMENT, Shop.NS, "cart")))
        .as("owned")
        .isEmpty();
    assertThat(suggestions.forWorkload(new WorkloadRef(WorkloadKind.JOB, Shop.NS, "worker")))
        .as("unknown")
        .isEmpty();
  }

  @Test
  void theSameWorkloadTwiceInTheInputIsOneAnchor() {
    Shop shop =
        new Shop()
            .deployment("cart", labels("team", "web"), Map.of(), "ghcr.io/acme/x:1")
            .deployment("cart", labels("team", "web"), Map.of(), "ghcr.io/acme/x:1")
            .deployment("ledger", labels("team", "payments"))
            .deployment("worker", labels(), Map.of(), "ghcr.io/acme/x:2");
    Suggestion s = shop.suggestion("worker");
    assertThat(s.evidence())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.anchorCount()).isEqualTo(1);
              assertThat(e.message())
                  .isEqualTo(
                      "same image repository \"ghcr.io/acme/x\" as Deployment shop/cart (owned by"
                          + " web)");
            });
  }

  @Test
  void longListsOfAnchorsAreCutAndUserTextIsEscaped() {
    Shop shop = new Shop();
    for (int i = 1; i <= 12; i++) {
      shop.deployment("app-" + i, labels("team", "web", "app.kubernetes.io/part-of", "x\ny"));
    }
    shop.deployment("worker", labels("app.kubernetes.io/part-of", "x\ny"));
    Suggestion s = shop.suggestion("worker");
    Evidence partOf = s.evidence().get(0);
    assertThat(partOf.anchorCount()).isEqualTo(12);
    assertThat(partOf.anchors()).hasSize(Evidence.MAX_ANCHORS);
    assertThat(partOf.message())
        .isEqualTo(
            "same application (app.kubernetes.io/part-of) \"x\\ny\" as Deployment shop/app-1,"
                + " Deployment shop/app-10, Deployment shop/app-11 and 9 more (owned by web)")
        .doesNotContain("\n");
  }
}
