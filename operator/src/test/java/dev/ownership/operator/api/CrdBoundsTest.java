package dev.ownership.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Everything a user writes into a ServiceOwnership or Team is bounded by the schema the API server
 * enforces, so a hostile object is refused at the door instead of costing the operator memory, log
 * lines and status writes: every string of {@code spec} has a {@code maxLength} (or is an enum),
 * every list a {@code maxItems}, every map a {@code maxProperties}. Read from the CRD the model
 * generates (CrdDriftTest keeps crds/ equal to it), so a new unbounded field fails here.
 *
 * <p>A string is bounded by its {@code maxLength}, an enum, a pattern without an open-ended
 * repetition, or — for the items of a list and the keys and values of a map, which the generator
 * cannot give a {@code maxLength} — by a CEL rule on the collection, {@code size(x) <= N}. Such a
 * rule is evaluated here with standard CEL, as the API server would: it must admit a string of N
 * characters and refuse one of N + 1.
 */
class CrdBoundsTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern SIZE_BOUND =
      Pattern.compile("size\\((\\w+|self\\[\\w+\\])\\) <= (\\d+)");
  private static final Pattern OPEN_REPETITION = Pattern.compile("[*+]|\\{\\d+,\\}");
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  @ParameterizedTest
  @EnumSource(CrdDriftTest.Crd.class)
  void everyFieldOfTheSpecIsBounded(CrdDriftTest.Crd crd) throws Exception {
    JsonNode spec = spec(crd.generated());
    List<String> unbounded = new ArrayList<>();
    int checked = walk(spec, "spec", unbounded);
    assertThat(unbounded).as("fields without a bound").isEmpty();
    assertThat(checked).as("bounded fields checked").isGreaterThan(10);
  }

  /** The numbers the rules and the docs rely on are the ones the API server enforces. */
  @ParameterizedTest
  @EnumSource(CrdDriftTest.Crd.class)
  void theBoundsAreTheModelsConstants(CrdDriftTest.Crd crd) throws Exception {
    JsonNode spec = spec(crd.generated());
    if (crd == CrdDriftTest.Crd.SERVICE_OWNERSHIP) {
      JsonNode selector = spec.at("/properties/selector/properties");
      assertThat(selector.at("/matchExpressions/maxItems").asInt())
          .isEqualTo(LabelSelectorSchema.MAX_REQUIREMENTS);
      assertThat(selector.at("/matchLabels/maxProperties").asInt())
          .isEqualTo(LabelSelectorSchema.MAX_REQUIREMENTS);
      assertThat(selector.at("/matchExpressions/items/properties/values/maxItems").asInt())
          .isEqualTo(LabelSelectorSchema.MAX_VALUES);
      for (String list : List.of("contacts", "links", "objectives")) {
        assertThat(spec.at("/properties/" + list + "/maxItems").asInt())
            .as(list)
            .isEqualTo(ServiceOwnershipSpec.MAX_ENTRIES);
      }
      assertThat(spec.at("/properties/team/maxLength").asInt()).isEqualTo(63);
    } else {
      for (String list : List.of("aliases", "contacts", "links")) {
        assertThat(spec.at("/properties/" + list + "/maxItems").asInt())
            .as(list)
            .isEqualTo(ServiceOwnershipSpec.MAX_ENTRIES);
      }
    }
  }

  private static JsonNode spec(Path crd) throws Exception {
    JsonNode root = YAML.readTree(crd.toFile());
    JsonNode spec = root.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    assertThat(spec.isObject()).as("%s has a spec schema", crd).isTrue();
    return spec;
  }

  private static List<Map.Entry<String, JsonNode>> properties(JsonNode schema) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    schema.path("properties").fields().forEachRemaining(fields::add);
    return fields;
  }

  /**
   * Checks {@code schema} and everything below it; returns how many leaves and lists it checked.
   */
  private static int walk(JsonNode schema, String path, List<String> unbounded) {
    return walk(schema, path, unbounded, false);
  }

  /**
   * @param celBounded the enclosing collection bounds this element with a CEL rule proven here
   */
  private static int walk(
      JsonNode schema, String path, List<String> unbounded, boolean celBounded) {
    int checked = 0;
    switch (schema.path("type").asText("")) {
      case "string" -> {
        boolean bounded =
            schema.has("maxLength")
                || schema.has("enum")
                || (schema.has("pattern")
                    && !OPEN_REPETITION.matcher(schema.path("pattern").asText()).find())
                || celBounded;
        if (!bounded) unbounded.add(path + " (string)");
        checked++;
      }
      case "array" -> {
        if (!schema.has("maxItems")) unbounded.add(path + " (list)");
        checked++;
        boolean itemsBounded = provesSizeBound(schema, path, false, unbounded);
        checked += walk(schema.path("items"), path + "[]", unbounded, itemsBounded);
      }
      case "object" -> {
        for (Map.Entry<String, JsonNode> field : properties(schema)) {
          checked += walk(field.getValue(), path + "." + field.getKey(), unbounded, false);
        }
        JsonNode values = schema.path("additionalProperties");
        if (values.isObject()) {
          if (!schema.has("maxProperties")) unbounded.add(path + " (map)");
          checked++;
          boolean valuesBounded = provesSizeBound(schema, path, true, unbounded);
          checked += walk(values, path + ".*", unbounded, valuesBounded);
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
          unbounded.add(path + " (free-form)");
        }
      }
      case "integer", "number", "boolean" -> checked++;
      default -> unbounded.add(path + " (no type)");
    }
    return checked;
  }

  /**
   * Whether a CEL rule of this list or map bounds its strings (for a map: its keys and its values),
   * checked by evaluating it at the bound and one past it. A rule that claims a bound it does not
   * keep is reported.
   */
  private static boolean provesSizeBound(
      JsonNode collection, String path, boolean isMap, List<String> unbounded) {
    boolean keys = false;
    boolean values = false;
    for (JsonNode validation : collection.path("x-kubernetes-validations")) {
      String rule = validation.path("rule").asText();
      Matcher bound = SIZE_BOUND.matcher(rule);
      while (bound.find()) {
        boolean ofKey = isMap && !bound.group(1).startsWith("self[");
        int limit = Integer.parseInt(bound.group(2));
        boolean atLimit = admits(rule, sample(isMap, ofKey, limit));
        boolean pastLimit = admits(rule, sample(isMap, ofKey, limit + 1));
        if (!atLimit || pastLimit) {
          unbounded.add(path + ": rule " + rule + " does not keep " + limit);
        } else if (ofKey) {
          keys = true;
        } else {
          values = true;
        }
      }
    }
    if (isMap && values && !keys) unbounded.add(path + " (map keys)");
    return values;
  }

  /** One string of {@code length} lower-case letters, as a list item, a map key or a map value. */
  private static Object sample(boolean isMap, boolean asKey, int length) {
    String text = "a".repeat(length);
    if (!isMap) return List.of(text);
    return asKey ? Map.of(text, "v") : Map.of("k", text);
  }

  private static boolean admits(String rule, Object self) {
    try {
      return (Boolean) RUNTIME.createProgram(CEL.compile(rule).getAst()).eval(Map.of("self", self));
    } catch (Exception e) {
      throw new AssertionError("CEL " + rule + ": " + e.getMessage(), e);
    }
  }
}
