package dev.ownership.operator.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates the CEL of admission manifests — a webhook's {@code matchConditions}, a
 * ValidatingAdmissionPolicy's variables and validations — as the API server would, with the
 * variables it binds ({@code object}, {@code oldObject}, {@code request}, {@code variables}). Only
 * standard CEL is available here, so expressions that need a Kubernetes CEL library fail to compile
 * in these tests: the manifests use none on purpose (they then work on every version).
 */
final class AdmissionCel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .addVar("variables", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private AdmissionCel() {}

  /** What the API server binds for one request; {@code oldObject} is null on CREATE. */
  record Request(
      String operation,
      String username,
      java.util.List<String> groups,
      JsonNode object,
      JsonNode oldObject) {
    Map<String, Object> bindings() {
      Map<String, Object> userInfo = new LinkedHashMap<>();
      userInfo.put("username", username);
      if (groups != null) userInfo.put("groups", groups);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("operation", operation);
      request.put("userInfo", userInfo);
      Map<String, Object> bindings = new HashMap<>();
      bindings.put("request", request);
      bindings.put("object", value(object));
      bindings.put("oldObject", value(oldObject));
      return bindings;
    }

    private static Object value(JsonNode node) {
      if (node == null || node.isNull()) return NullValue.NULL_VALUE;
      return JSON.convertValue(node, new TypeReference<Map<String, Object>>() {});
    }
  }

  /** The value of {@code expression}; an AssertionError names the expression when it fails. */
  static Object eval(String expression, Map<String, Object> bindings) {
    try {
      return RUNTIME.createProgram(COMPILER.compile(expression).getAst()).eval(bindings);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError("CEL " + expression + ": " + e.getMessage(), e);
    }
  }

  /** A matchCondition or validation: true or false, never anything else. */
  static boolean test(String expression, Map<String, Object> bindings) {
    Object result = eval(expression, bindings);
    if (!(result instanceof Boolean b)) {
      throw new AssertionError("CEL " + expression + " gave " + result + ", not a bool");
    }
    return b;
  }

  /**
   * Whether a ValidatingAdmissionPolicy admits {@code request}: its variables in order (each may
   * use the earlier ones), then every validation.
   */
  static boolean policyAdmits(JsonNode policy, Request request) {
    Map<String, Object> bindings = request.bindings();
    Map<String, Object> variables = new LinkedHashMap<>();
    bindings.put("variables", variables);
    for (JsonNode variable : policy.at("/spec/variables")) {
      variables.put(
          variable.path("name").asText(), eval(variable.path("expression").asText(), bindings));
    }
    for (JsonNode validation : policy.at("/spec/validations")) {
      if (!test(validation.path("expression").asText(), bindings)) return false;
    }
    return true;
  }
}
