package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.NamespaceClaims;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/**
 * docs/reliability.md states the bounds the operator keeps; its tables name the constant each
 * number comes from. Every named constant is read here (by reflection, so that none has to be made
 * visible for the page's sake) and must be what the page says.
 */
class ReliabilityDocsTest {
  private static final String ROOT_PACKAGE = "dev.ownership.operator";

  /** A table row {@code | what | value | `reference` |}. */
  private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (.+?) \\| `([^`]+)` \\|$");

  /** The numbers the page exists for: removing one of their rows fails the test. */
  private static final List<String> REQUIRED =
      List.of(
          "ownership/NamespaceClaims.LIMIT",
          "admission/ConnectionGuard.Limits.DEFAULT.maxConnections()",
          "admission/ConnectionGuard.Limits.DEFAULT.requestDeadline()",
          "admission/ConnectionGuard.Limits.DEFAULT.idleDeadline()",
          "admission/WebhookServer.MAX_BODY_BYTES",
          "controller/WorkloadEventRecorder.ATTEMPTS",
          "controller/WorkloadEventRecorder.FIRST_RETRY_MILLIS",
          "controller/WorkloadEventRecorder.MAX_MESSAGE",
          "controller/Conditions.MAX_MESSAGE",
          "text/SafeText.DEFAULT_LIMIT",
          "JosdkConfiguration.LEASE_DURATION",
          "JosdkConfiguration.RENEW_DEADLINE",
          "JosdkConfiguration.RETRY_PERIOD");

  record Row(String what, String value, String reference) {}

  static String page() throws Exception {
    return Files.readString(Kustomize.REPO_ROOT.resolve("docs/reliability.md"));
  }

  static List<Row> rows(String page) {
    List<Row> rows = new ArrayList<>();
    for (String line : page.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) rows.add(new Row(m.group(1), m.group(2), m.group(3)));
    }
    return rows;
  }

  @Test
  void everyNumberInTheTablesIsTheOneInTheCode() throws Exception {
    List<Row> rows = rows(page());
    assertThat(rows.stream().map(Row::reference)).containsAll(REQUIRED);
    List<String> wrong = new ArrayList<>();
    for (Row row : rows) {
      String actual = valueOf(row.reference());
      if (!actual.equals(row.value())) {
        wrong.add(row.reference() + ": the page says '" + row.value() + "', the code " + actual);
      }
    }
    assertThat(wrong).as("rows of docs/reliability.md that differ from the code").isEmpty();
  }

  @Test
  void theWebhookTimeoutAndFailurePolicyAreTheDeployedOnes() throws Exception {
    JsonNode webhook =
        Kustomize.parse(
                Files.readString(
                    Kustomize.REPO_ROOT.resolve(
                        "deploy/base/validating-webhook-configuration.yaml")))
            .get(0)
            .path("webhooks")
            .get(0);
    assertThat(page())
        .contains("`failurePolicy: " + webhook.path("failurePolicy").asText() + "`")
        .contains("`timeoutSeconds: " + webhook.path("timeoutSeconds").asInt() + "`");
  }

  /** The fuzz command, the targets and their time are the ones the tests and `.ci/run` have. */
  @Test
  void everyFuzzTargetIsNamedWithTheTimeItsAnnotationGives() throws Exception {
    String page = page();
    String ci = Files.readString(Kustomize.REPO_ROOT.resolve(".ci/run"));
    List<String> targets = new ArrayList<>();
    for (String name : List.of("AdmissionFuzzTest", "RulesFuzzTest", "ManifestFuzzTest")) {
      for (Method method : Class.forName(ROOT_PACKAGE + ".fuzz." + name).getDeclaredMethods()) {
        FuzzTest fuzz = method.getAnnotation(FuzzTest.class);
        if (fuzz == null) continue;
        targets.add(name + "#" + method.getName());
        assertThat(page).contains("@FuzzTest(maxDuration = \"" + fuzz.maxDuration() + "\")");
      }
    }
    assertThat(targets).hasSize(6);
    for (String target : targets) {
      assertThat(page).contains(target);
      assertThat(ci).contains("'" + target + "'");
    }
  }

  @Test
  void theReadmeStatesTheNamespaceLimitAndLinksThePage() throws Exception {
    String readme = Files.readString(Kustomize.REPO_ROOT.resolve("README.md"));
    String security = Files.readString(Kustomize.REPO_ROOT.resolve("SECURITY.md"));
    assertThat(readme)
        .contains(String.format(Locale.ROOT, "%,d ServiceOwnerships", NamespaceClaims.LIMIT))
        .contains("`NamespaceLimit`")
        .contains("(docs/reliability.md)");
    assertThat(security).contains("(docs/reliability.md)");
  }

  /**
   * The value a reference names, written as the page writes it: {@code pkg/Class.FIELD}, followed
   * by record accessors ({@code .name()}), or {@code cli/RunCommand --flag} for a flag's default.
   */
  static String valueOf(String reference) throws Exception {
    int space = reference.indexOf(' ');
    if (space > 0) {
      return flagDefault(className(reference.substring(0, space)), reference.substring(space + 1));
    }
    int slash = reference.lastIndexOf('/');
    String pkg = slash < 0 ? "" : reference.substring(0, slash);
    String[] parts = reference.substring(slash + 1).split("\\.");
    Class<?> type = Class.forName(className(pkg.isEmpty() ? parts[0] : pkg + "/" + parts[0]));
    int i = 1;
    while (i < parts.length && nested(type, parts[i]) != null) type = nested(type, parts[i++]);
    assertThat(i).as("%s names a field", reference).isLessThan(parts.length);
    Field field = type.getDeclaredField(parts[i++]);
    assertThat(Modifier.isStatic(field.getModifiers())).as("%s is static", reference).isTrue();
    field.setAccessible(true);
    Object value = field.get(null);
    String last = field.getName();
    for (; i < parts.length; i++) {
      assertThat(parts[i]).as("%s: after the field come accessors", reference).endsWith("()");
      last = parts[i].substring(0, parts[i].length() - 2);
      Method accessor = value.getClass().getDeclaredMethod(last);
      accessor.setAccessible(true);
      value = accessor.invoke(value);
    }
    return format(last, value);
  }

  private static String className(String path) {
    return ROOT_PACKAGE + "." + path.replace('/', '.');
  }

  private static Class<?> nested(Class<?> outer, String name) {
    for (Class<?> inner : outer.getDeclaredClasses()) {
      if (inner.getSimpleName().equals(name)) return inner;
    }
    return null;
  }

  private static String flagDefault(String className, String flag) throws Exception {
    for (Field field : Class.forName(className).getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option != null && List.of(option.names()).contains(flag)) return option.defaultValue();
    }
    throw new AssertionError(className + " has no option " + flag);
  }

  /** Durations in their largest whole unit; longs named {@code _MILLIS} or {@code _NANOS} too. */
  static String format(String name, Object value) {
    if (value instanceof Duration d) return duration(d);
    if (value instanceof Long n && name.endsWith("_MILLIS")) return duration(Duration.ofMillis(n));
    if (value instanceof Long n && name.endsWith("_NANOS")) return duration(Duration.ofNanos(n));
    if (value instanceof Integer n && name.endsWith("_BYTES")) {
      return n % (1024 * 1024) == 0 ? n / (1024 * 1024) + " MiB" : n + " bytes";
    }
    if (value instanceof Integer || value instanceof Long) return value.toString();
    throw new AssertionError(name + " is a " + value.getClass().getSimpleName() + ", not a number");
  }

  private static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis == 0 || !Duration.ofMillis(millis).equals(d)) return d.toString();
    long[] units = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    String[] names = {"d", "h", "min", "s", "ms"};
    for (int u = 0; u < units.length; u++) {
      if (millis % units[u] == 0) return millis / units[u] + " " + names[u];
    }
    throw new AssertionError("unreachable");
  }
}
