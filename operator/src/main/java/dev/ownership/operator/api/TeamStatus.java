package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TeamStatus {
  public static final int MAX_LISTED = ServiceOwnershipStatus.MAX_LISTED;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("ServiceOwnerships that name this team (by its name or an alias).")
  private Integer services;

  @JsonPropertyDescription("Workloads resolved to this team.")
  private Integer workloads;

  @JsonPropertyDescription("Namespaces of those workloads, sorted; at most 50.")
  private List<String> namespaces = new ArrayList<>();

  @JsonPropertyDescription("Ready and ReviewDue conditions.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getServices() {
    return services;
  }

  public void setServices(Integer services) {
    this.services = services;
  }

  public Integer getWorkloads() {
    return workloads;
  }

  public void setWorkloads(Integer workloads) {
    this.workloads = workloads;
  }

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TeamStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(services, other.services)
        && Objects.equals(workloads, other.workloads)
        && Objects.equals(namespaces, other.namespaces)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, services, workloads, namespaces, conditions);
  }
}
