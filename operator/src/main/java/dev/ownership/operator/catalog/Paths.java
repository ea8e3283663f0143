package dev.ownership.operator.catalog;

import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Locale;

/** The catalog's URLs, built in one place so that pages link to what the handler serves. */
final class Paths {
  static final String TEAMS = "/teams/";
  static final String SERVICES = "/services/";
  static final String NAMESPACES = "/namespaces/";
  static final String WORKLOADS = "/workloads/";

  private Paths() {}

  static String team(String team) {
    return TEAMS + Html.segment(team);
  }

  static String service(String namespace, String serviceOwnership) {
    return SERVICES + Html.segment(namespace) + "/" + Html.segment(serviceOwnership);
  }

  static String namespace(String namespace) {
    return NAMESPACES + Html.segment(namespace);
  }

  static String workload(WorkloadRef ref) {
    return WORKLOADS
        + Html.segment(ref.namespace())
        + "/"
        + ref.kind().kind().toLowerCase(Locale.ROOT)
        + "/"
        + Html.segment(ref.name());
  }
}
