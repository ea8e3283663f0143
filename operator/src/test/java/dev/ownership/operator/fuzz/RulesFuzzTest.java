package dev.ownership.operator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ownership.operator.ownership.InvalidSelectorException;
import dev.ownership.operator.ownership.LabelSelectorMatcher;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.List;
import java.util.Map;

/** Fuzz tests of the pure rules that parse user input (Jazzer; see AdmissionFuzzTest). */
class RulesFuzzTest {
  /** Any selector: compiled and evaluated, or refused with a bounded one-line reason. */
  @FuzzTest(maxDuration = "15s")
  void aSelectorCompilesOrSaysWhy(FuzzedDataProvider data) {
    LabelSelectorBuilder selector = new LabelSelectorBuilder();
    if (data.consumeBoolean())
      selector.withMatchLabels(Map.of(data.consumeString(80), data.consumeString(80)));
    if (data.consumeBoolean()) {
      selector.withMatchExpressions(
          new LabelSelectorRequirementBuilder()
              .withKey(data.consumeString(80))
              .withOperator(
                  data.pickValue(
                      new String[] {"In", "NotIn", "Exists", "DoesNotExist", "Matches", ""}))
              .withValues(data.consumeBoolean() ? List.of(data.consumeString(80)) : List.of())
              .build());
    }
    try {
      LabelSelectorMatcher matcher = LabelSelectorMatcher.compile(selector.build());
      matcher.matches(Map.of(data.consumeString(40), data.consumeRemainingAsString()));
      assertThat(matcher.describe()).isNotNull();
    } catch (InvalidSelectorException e) {
      assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(600);
    }
  }
}
