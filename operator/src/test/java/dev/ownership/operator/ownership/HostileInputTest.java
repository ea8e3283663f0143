package dev.ownership.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a hostile ServiceOwnership or label can put into messages that end up in logs, Events,
 * conditions and admission answers: escaped, and bounded however large the input.
 */
class HostileInputTest {
  static final WorkloadRef CART = new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart");

  @Test
  void aSelectorKeyWithANewlineCannotForgeALogLineAndALongOneIsCut() {
    assertThatThrownBy(
            () ->
                LabelSelectorMatcher.compile(
                    new LabelSelectorBuilder()
                        .withMatchLabels(
                            Map.of("app\n[main] ERROR forged " + "x".repeat(10_000), "v"))
                        .build()))
        .isInstanceOf(InvalidSelectorException.class)
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain("\n").contains("app\\n[main] ERROR forged");
              assertThat(e.getMessage()).hasSizeLessThan(400);
            });
  }

  @Test
  void anInvalidTeamLabelIsEchoedEscapedAndBounded() {
    InvalidOwnerLabel label = new InvalidOwnerLabel("team", "\u001b[2J" + "A".repeat(5000));
    assertThat(label.message())
        .doesNotContain("\u001b")
        .contains("\\u001b[2J")
        .hasSizeLessThan(300);
  }

  @Test
  void theUnownedAdviceListsAFewSelectorsEachBoundedWhateverTheNamespaceHolds() throws Exception {
    List<OwnershipClaim> claims = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      claims.add(
          new OwnershipClaim(
              "shop",
              "so-" + i,
              "team",
              "so-" + i,
              Instant.EPOCH.plusSeconds(i),
              LabelSelectorMatcher.compile(
                  new LabelSelectorBuilder()
                      .withMatchLabels(Map.of("p" + ".x".repeat(100) + "/selector-key", "v" + i))
                      .build())));
    }
    String message =
        UnownedAdvice.message(CART, OwnerLabelKeys.DEFAULT, NamespaceClaims.of(claims));
    assertThat(message)
        .hasSizeLessThan(2_000)
        .contains("; and " + (NamespaceClaims.LIMIT - UnownedAdvice.MAX_LISTED_CLAIMS) + " more)");
  }

  @Test
  void aNamespaceUsesAtMostTheLimitOfClaimsAndNamesTheRest() throws Exception {
    List<OwnershipClaim> claims = new ArrayList<>();
    for (int i = 0; i < NamespaceClaims.LIMIT + 5; i++) {
      claims.add(
          new OwnershipClaim(
              "shop",
              "so-" + i,
              "team",
              "so-" + i,
              Instant.EPOCH.plusSeconds(i),
              LabelSelectorMatcher.compile(new LabelSelectorBuilder().build())));
    }
    NamespaceClaims bounded = NamespaceClaims.of(claims);
    assertThat(bounded.inPrecedenceOrder()).hasSize(NamespaceClaims.LIMIT);
    assertThat(bounded.leftOut())
        .containsExactlyInAnyOrder("so-1000", "so-1001", "so-1002", "so-1003", "so-1004");
  }
}
