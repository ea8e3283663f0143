package dev.ownership.operator.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or method) that runs programs which are not part of the JDK, named as in {@link
 * SystemTool}. When one is missing from the PATH the test is disabled with a line naming the Debian
 * package to install, so a fresh machine with only Java and Maven passes; where {@code
 * OWNERSHIP_REQUIRE_TOOLS=1} (set by {@code .ci/run}) it fails instead, so CI never skips it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NeedsToolCondition.class)
public @interface NeedsTool {
  /** The program names, e.g. {@code "promtool"}; each must be one of {@link SystemTool}. */
  String[] value();
}
