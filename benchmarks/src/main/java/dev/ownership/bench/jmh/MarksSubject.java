package dev.ownership.bench.jmh;

import dev.ownership.operator.ownership.WorkloadMarks;

/**
 * Every call {@link MergePatchBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on: {@code ownership.WorkloadMarks(team, service, source, status)} and {@code
 * WorkloadMarks.mergePatchFrom(WorkloadMarks)} returning the JSON text or null.
 */
public final class MarksSubject {
  private MarksSubject() {}

  public static Object marks(String team, String service, String source, String status) {
    return new WorkloadMarks(team, service, source, status);
  }

  public static String mergePatch(Object desired, Object current) {
    return ((WorkloadMarks) desired).mergePatchFrom((WorkloadMarks) current);
  }
}
