package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadEntry {
  private String kind;
  private String name;

  public WorkloadEntry() {}

  public WorkloadEntry(String kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkloadEntry other
        && java.util.Objects.equals(kind, other.kind)
        && java.util.Objects.equals(name, other.name);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, name);
  }
}
