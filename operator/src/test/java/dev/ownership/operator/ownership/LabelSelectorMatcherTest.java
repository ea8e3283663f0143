package dev.ownership.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatcherTest {
  static LabelSelectorMatcher compile(LabelSelector selector) throws InvalidSelectorException {
    return LabelSelectorMatcher.compile(selector);
  }

  @Test
  void emptySelectorMatchesEverything() throws Exception {
    LabelSelectorMatcher m = compile(new LabelSelector());
    assertThat(m.matches(Map.of())).isTrue();
    assertThat(m.matches(Map.of("a", "b"))).isTrue();
    assertThat(m.describe()).isEqualTo("<all>");
  }

  @Test
  void operatorsFollowKubernetesSemantics() throws Exception {
    LabelSelectorMatcher m =
        compile(
            new LabelSelectorBuilder()
                .withMatchLabels(Map.of("app", "cart"))
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("web", "api")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("env")
                .withOperator("NotIn")
                .withValues("dev")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("track")
                .withOperator("Exists")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("legacy")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build());
    assertThat(m.matches(Map.of("app", "cart", "tier", "web", "track", "stable"))).isTrue();
    assertThat(m.matches(Map.of("app", "cart", "tier", "web", "track", "stable", "env", "prod")))
        .isTrue();
    assertThat(m.matches(Map.of("app", "cart", "tier", "web", "track", "stable", "env", "dev")))
        .isFalse();
    assertThat(m.matches(Map.of("app", "cart", "tier", "db", "track", "stable"))).isFalse();
    assertThat(m.matches(Map.of("app", "cart", "tier", "web"))).isFalse();
    assertThat(m.matches(Map.of("app", "cart", "tier", "web", "track", "s", "legacy", "y")))
        .isFalse();
    assertThat(m.matches(Map.of("app", "other", "tier", "web", "track", "s"))).isFalse();
    assertThat(m.describe()).isEqualTo("app=cart,tier in (api,web),env notin (dev),track,!legacy");
  }

  @Test
  void badSelectorsSayWhatToFix() {
    assertThatThrownBy(() -> compile(null)).hasMessageContaining("spec.selector is required");
    assertThatThrownBy(
            () ->
                compile(
                    new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("a")
                        .withOperator("Equals")
                        .withValues("x")
                        .endMatchExpression()
                        .build()))
        .hasMessageContaining("matchExpressions[0].operator")
        .hasMessageContaining("'Equals'")
        .hasMessageContaining("In, NotIn, Exists, DoesNotExist");
    assertThatThrownBy(
            () ->
                compile(
                    new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("a")
                        .withOperator("In")
                        .endMatchExpression()
                        .build()))
        .hasMessageContaining("needs at least one value");
    assertThatThrownBy(
            () ->
                compile(
                    new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("a")
                        .withOperator("Exists")
                        .withValues("x")
                        .endMatchExpression()
                        .build()))
        .hasMessageContaining("takes no values");
    assertThatThrownBy(
            () ->
                compile(
                    new LabelSelectorBuilder().withMatchLabels(Map.of("bad key!", "x")).build()))
        .hasMessageContaining("matchLabels")
        .hasMessageContaining("bad key!");
    assertThatThrownBy(
            () ->
                compile(
                    new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("app", "not a value"))
                        .build()))
        .hasMessageContaining("not a value");
    assertThatThrownBy(
            () ->
                compile(
                    new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("Example.COM/app", "x"))
                        .build()))
        .hasMessageContaining("prefix");
  }
}
