package dev.ownership.bench.jmh;

import dev.ownership.operator.ownership.WorkloadMarks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * Every call {@link MergePatchBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on: {@code ownership.WorkloadMarks(team, service, source, status)} and {@code
 * controller.MergePatch.between(WorkloadMarks current, WorkloadMarks desired)} returning the JSON
 * text or null. {@code MergePatch} is package-private, so it is reached through a method handle
 * (made once; the JIT inlines a constant handle like a direct call).
 */
public final class MarksSubject {
  private static final MethodHandle BETWEEN = between();

  private MarksSubject() {}

  public static Object marks(String team, String service, String source, String status) {
    return new WorkloadMarks(team, service, source, status);
  }

  public static String mergePatch(Object desired, Object current) {
    try {
      return (String) BETWEEN.invokeExact((WorkloadMarks) current, (WorkloadMarks) desired);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static MethodHandle between() {
    try {
      Method m =
          Class.forName("dev.ownership.operator.controller.MergePatch")
              .getDeclaredMethod("between", WorkloadMarks.class, WorkloadMarks.class);
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("controller.MergePatch.between is gone: fix MarksSubject", e);
    }
  }
}
