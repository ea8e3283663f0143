package dev.ownership.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A team's declaration that it owns the workloads its selector matches. */
@Group(ServiceOwnership.GROUP)
@Version(ServiceOwnership.VERSION)
@Kind("ServiceOwnership")
@Plural("serviceownerships")
@Singular("serviceownership")
@ShortNames("so")
@Categories("ownership")
@AdditionalPrinterColumn(
    name = "Team",
    jsonPath = ".spec.team",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Service",
    jsonPath = ".status.service",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Workloads",
    jsonPath = ".status.matchedWorkloads",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ServiceOwnership extends CustomResource<ServiceOwnershipSpec, ServiceOwnershipStatus>
    implements Namespaced {
  public static final String GROUP = "ownership.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** The service name: {@code spec.service}, or the resource's own name when that is unset. */
  public String serviceName() {
    String service = getSpec() == null ? null : getSpec().getService();
    return service == null || service.isBlank() ? getMetadata().getName() : service;
  }
}
