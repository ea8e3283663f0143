package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceOwnershipSpec {
  /** DNS-1123 label: what Kubernetes accepts as a label value and a namespace name alike. */
  public static final String DNS1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** Contacts, links and objectives each: enough for a card, bounded for etcd and kubectl. */
  public static final int MAX_ENTRIES = 32;

  @Required
  @Pattern(DNS1123_LABEL)
  @Size(min = 1, max = 63)
  @JsonPropertyDescription(
      "Owning team: a DNS-1123 label (lower-case letters, digits and '-', 1 to 63 characters).")
  private String team;

  @Size(max = 253)
  @JsonPropertyDescription("Service name; defaults to metadata.name.")
  private String service;

  @Size(max = 1024)
  @JsonPropertyDescription("What the service is, in a sentence.")
  private String description;

  @Required
  @JsonPropertyDescription(
      "Label selector over workloads in this namespace; {} selects every workload in the namespace."
          + " Labels are the pod template's labels overlaid by the workload's own metadata.labels.")
  @SchemaFrom(type = LabelSelectorSchema.class)
  private LabelSelector selector;

  @Min(1)
  @Max(4)
  @JsonPropertyDescription("Criticality: 1 (most critical) to 4.")
  private Integer tier;

  @JsonPropertyDescription("Lifecycle stage of the service.")
  private Lifecycle lifecycle;

  @Size(max = MAX_ENTRIES)
  @JsonPropertyDescription("How to reach the owners.")
  private List<Contact> contacts = new ArrayList<>();

  @Size(max = MAX_ENTRIES)
  @JsonPropertyDescription("Runbooks, dashboards and other links.")
  private List<Link> links = new ArrayList<>();

  @Size(max = MAX_ENTRIES)
  @JsonPropertyDescription("Service-level objectives.")
  private List<Objective> objectives = new ArrayList<>();

  public String getTeam() {
    return team;
  }

  public void setTeam(String team) {
    this.team = team;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }

  public Integer getTier() {
    return tier;
  }

  public void setTier(Integer tier) {
    this.tier = tier;
  }

  public Lifecycle getLifecycle() {
    return lifecycle;
  }

  public void setLifecycle(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public List<Contact> getContacts() {
    return contacts;
  }

  public void setContacts(List<Contact> contacts) {
    this.contacts = contacts;
  }

  public List<Link> getLinks() {
    return links;
  }

  public void setLinks(List<Link> links) {
    this.links = links;
  }

  public List<Objective> getObjectives() {
    return objectives;
  }

  public void setObjectives(List<Objective> objectives) {
    this.objectives = objectives;
  }
}
