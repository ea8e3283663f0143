package dev.ownership.operator.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link NeedsTool} test when its tools are on the PATH; otherwise disables it with the
 * Debian packages to install, or, under {@code OWNERSHIP_REQUIRE_TOOLS=1}, fails it (JUnit reports
 * a condition that throws as a failure of that test or class).
 *
 * <p>The configuration parameters {@value #PATH_PARAMETER} and {@value #REQUIRE_PARAMETER} stand in
 * for the two environment variables; only the condition's own test sets them.
 */
public final class NeedsToolCondition implements ExecutionCondition {
  public static final String REQUIRE_VARIABLE = "OWNERSHIP_REQUIRE_TOOLS";
  static final String PATH_PARAMETER = "ownership.tools.path";
  static final String REQUIRE_PARAMETER = "ownership.tools.require";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<AnnotatedElement> element = context.getElement();
    Optional<NeedsTool> needs =
        element.flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsTool.class));
    if (needs.isEmpty()) return ConditionEvaluationResult.enabled("needs no system tool");
    String path = context.getConfigurationParameter(PATH_PARAMETER).orElse(System.getenv("PATH"));
    String require =
        context
            .getConfigurationParameter(REQUIRE_PARAMETER)
            .orElse(System.getenv(REQUIRE_VARIABLE));
    return evaluate(needs.get().value(), path, "1".equals(require));
  }

  /** The verdict for {@code tools} on {@code path}; throws when they are missing and required. */
  static ConditionEvaluationResult evaluate(String[] tools, String path, boolean required) {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    for (String name : tools) {
      SystemTool tool = SystemTool.named(name);
      if (tool.locate(path).isEmpty()) {
        missing.add(tool.command());
        packages.add(tool.debianPackage());
      }
    }
    if (missing.isEmpty())
      return ConditionEvaluationResult.enabled("on the PATH: " + String.join(", ", tools));
    String reason =
        String.join(", ", missing)
            + (missing.size() == 1 ? " is" : " are")
            + " not on the PATH: apt-get install "
            + String.join(" ", packages);
    if (required)
      throw new IllegalStateException(reason + " (" + REQUIRE_VARIABLE + "=1 requires it)");
    return ConditionEvaluationResult.disabled(reason);
  }
}
