package dev.ownership.operator.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * THE expected-permissions table: every API request the operator makes, as RBAC grants. The
 * rendered manifests must grant exactly these and nothing more (DeployManifestsTest), and
 * PermissionsUsedTest checks it against the requests the running operator really makes.
 */
final class OperatorPermissions {
  static final String OWN_NAMESPACE = "ownership-system";
  static final String CLUSTER = "";

  /** When a row applies. */
  enum When {
    ALWAYS,
    MANAGED_CERTS
  }

  /** One row: these verbs on these resources of one API group, cluster-wide or in one namespace. */
  record Row(
      When when,
      String namespace,
      String apiGroup,
      List<String> resources,
      List<String> resourceNames,
      List<String> verbs,
      String why) {}

  static final List<Row> TABLE =
      List.of(
          new Row(
              When.ALWAYS,
              CLUSTER,
              "apps",
              List.of("deployments", "statefulsets", "daemonsets"),
              List.of(),
              List.of("list", "watch", "patch"),
              "informers (never a get); JSON merge patch of ownership metadata"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "batch",
              List.of("jobs", "cronjobs"),
              List.of(),
              List.of("list", "watch", "patch"),
              "informers (never a get); JSON merge patch of ownership metadata"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "",
              List.of("namespaces"),
              List.of(),
              List.of("list", "watch"),
              "namespace informer: team label and enforcement mode"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "ownership.dev",
              List.of("serviceownerships"),
              List.of(),
              List.of("get", "list", "watch", "patch"),
              "JOSDK informer; finalizer add/remove is a JSON patch, re-read (get) on 409"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "ownership.dev",
              List.of("serviceownerships/status"),
              List.of(),
              List.of("patch"),
              "JOSDK UpdateControl.patchStatus (JSON merge patch, never a PUT)"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "ownership.dev",
              List.of("teams"),
              List.of(),
              List.of("list", "watch"),
              "the registry's informer and JOSDK's Team informer (no finalizer: nothing to clean"
                  + " up when a Team goes)"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "ownership.dev",
              List.of("teams/status"),
              List.of(),
              List.of("patch"),
              "TeamReconciler: UpdateControl.patchStatus (JSON merge patch, never a PUT)"),
          new Row(
              When.ALWAYS,
              CLUSTER,
              "",
              List.of("events"),
              List.of(),
              List.of("create"),
              "WorkloadEventRecorder: client.v1().events().create() of the Unowned warning"),
          new Row(
              When.ALWAYS,
              OWN_NAMESPACE,
              "coordination.k8s.io",
              List.of("leases"),
              List.of(),
              List.of("create"),
              "leader election: the first replica creates the Lease (create cannot name it)"),
          new Row(
              When.ALWAYS,
              OWN_NAMESPACE,
              "coordination.k8s.io",
              List.of("leases"),
              List.of("ownership-operator-leader"),
              List.of("get", "update", "patch"),
              "leader election Lease ownership-operator-leader: fabric8's LeaseLock renews with"
                  + " PATCH; JOSDK checks for get, create, update"),
          new Row(
              When.MANAGED_CERTS,
              OWN_NAMESPACE,
              "",
              List.of("secrets"),
              List.of(),
              List.of("create"),
              "WebhookCertificateManager: creates Secret ownership-webhook-tls (create cannot name"
                  + " it)"),
          new Row(
              When.MANAGED_CERTS,
              OWN_NAMESPACE,
              "",
              List.of("secrets"),
              List.of("ownership-webhook-tls"),
              List.of("get", "update"),
              "WebhookCertificateManager: Secret ownership-webhook-tls"),
          new Row(
              When.MANAGED_CERTS,
              CLUSTER,
              "admissionregistration.k8s.io",
              List.of("validatingwebhookconfigurations"),
              List.of("ownership-operator"),
              List.of("get", "update"),
              "WebhookCertificateManager: caBundle injection (get, then update with"
                  + " resourceVersion)"));

  /**
   * One verb on one resource (of one name, or any when empty), cluster-wide or in one namespace.
   */
  record Grant(
      String namespace, String apiGroup, String resource, String resourceName, String verb) {
    @Override
    public String toString() {
      return (namespace.isEmpty() ? "cluster" : "ns/" + namespace)
          + " "
          + (apiGroup.isEmpty() ? "core" : apiGroup)
          + " "
          + resource
          + (resourceName.isEmpty() ? "" : "/" + resourceName)
          + " "
          + verb;
    }
  }

  static Set<Grant> expected(boolean managedCerts) {
    Set<Grant> grants = new LinkedHashSet<>();
    for (Row row : TABLE) {
      if (row.when() == When.MANAGED_CERTS && !managedCerts) continue;
      for (String resource : row.resources()) {
        for (String verb : row.verbs()) {
          if (row.resourceNames().isEmpty()) {
            grants.add(new Grant(row.namespace(), row.apiGroup(), resource, "", verb));
          } else {
            row.resourceNames()
                .forEach(
                    name ->
                        grants.add(
                            new Grant(row.namespace(), row.apiGroup(), resource, name, verb)));
          }
        }
      }
    }
    return grants;
  }

  private OperatorPermissions() {}
}
