package dev.ownership.operator.demo;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.text.TextTable;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the operator wrote, read back from the API: every workload's ownership marks, and every
 * ServiceOwnership with its contacts, links, objectives and status. The same view `kubectl get`
 * gives, in one place.
 */
public final class OwnershipReport {
  private OwnershipReport() {}

  public static void printWorkloads(KubernetesClient client, PrintWriter out) {
    List<GenericKubernetesResource> workloads = DemoWorkloads.list(client);
    TextTable table =
        new TextTable(List.of("NAMESPACE", "KIND", "NAME", "STATUS", "TEAM", "SERVICE", "SOURCE"));
    for (GenericKubernetesResource w : workloads) {
      Map<String, String> a = orEmpty(w.getMetadata().getAnnotations());
      Map<String, String> l = orEmpty(w.getMetadata().getLabels());
      table.row(
          List.of(
              w.getMetadata().getNamespace(),
              w.getKind(),
              w.getMetadata().getName(),
              dash(l.get(OwnershipKeys.STATUS_LABEL)),
              dash(a.get(OwnershipKeys.TEAM_ANNOTATION)),
              dash(a.get(OwnershipKeys.SERVICE_ANNOTATION)),
              dash(a.get(OwnershipKeys.SOURCE_ANNOTATION))));
    }
    out.println(
        "Workloads (what the operator wrote on each; kubectl get deploy,sts,ds,job,cronjob -A -l"
            + " ownership.dev/status=unowned lists the unowned):");
    table.print(out, "  ");
  }

  public static void printServiceOwnerships(KubernetesClient client, PrintWriter out) {
    List<ServiceOwnership> all =
        new ArrayList<>(
            client.resources(ServiceOwnership.class).inAnyNamespace().list().getItems());
    all.sort(
        Comparator.comparing((ServiceOwnership so) -> so.getMetadata().getNamespace())
            .thenComparing(so -> so.getMetadata().getName()));
    out.println("ServiceOwnerships:");
    for (ServiceOwnership so : all) {
      var spec = so.getSpec();
      var status = so.getStatus();
      out.printf(
          "  %s/%s  team=%s service=%s tier=%s lifecycle=%s%n",
          so.getMetadata().getNamespace(),
          so.getMetadata().getName(),
          spec.getTeam(),
          so.serviceName(),
          spec.getTier() == null ? "-" : spec.getTier(),
          spec.getLifecycle() == null
              ? "-"
              : spec.getLifecycle().name().toLowerCase(java.util.Locale.ROOT));
      if (spec.getDescription() != null) out.println("    " + spec.getDescription());
      for (Contact c : spec.getContacts()) {
        out.printf(
            "    contact   %-9s %s%s%n",
            c.getType().wireName(),
            c.getValue(),
            c.getName() == null ? "" : " (" + c.getName() + ")");
      }
      for (Link link : spec.getLinks())
        out.printf("    link      %-9s %s%n", link.getName(), link.getUrl());
      for (Objective o : spec.getObjectives()) {
        out.printf(
            "    objective %s %s%% over %s%s%n",
            o.getName(),
            o.getTarget(),
            o.getWindow() == null ? "-" : o.getWindow(),
            o.getDescription() == null ? "" : " (" + o.getDescription() + ")");
      }
      if (status == null) {
        out.println("    status    (not reconciled yet)");
        continue;
      }
      int owned = status.getMatchedWorkloads() == null ? 0 : status.getMatchedWorkloads();
      out.println(
          "    owns      "
              + owned
              + (owned == 0
                  ? ""
                  : ": "
                      + status.getWorkloads().stream()
                          .map(w -> w.getKind() + "/" + w.getName())
                          .collect(Collectors.joining(", "))));
      status
          .getConflicts()
          .forEach(
              c ->
                  out.printf(
                      "    conflict  %s/%s: %s%n", c.getKind(), c.getName(), c.getMessage()));
      for (Condition condition : status.getConditions()) {
        out.printf(
            "    %-9s %s (%s) %s%n",
            condition.getType(),
            condition.getStatus(),
            condition.getReason(),
            condition.getMessage());
      }
    }
    out.flush();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }
}
