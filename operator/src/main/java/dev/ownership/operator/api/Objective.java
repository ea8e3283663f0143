package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Objective {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("What is measured, e.g. availability or latency-p99.")
  private String name;

  @Required
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Target in percent, 0 to 100, e.g. 99.9.")
  private Double target;

  @Pattern("^[1-9][0-9]*(m|h|d|w)$")
  @Size(max = 16)
  @JsonPropertyDescription("Evaluation window, e.g. 30d, 4w, 24h.")
  private String window;

  @Size(max = 1024)
  @JsonPropertyDescription("How it is measured.")
  private String description;

  public Objective() {}

  public Objective(String name, Double target, String window, String description) {
    this.name = name;
    this.target = target;
    this.window = window;
    this.description = description;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Double getTarget() {
    return target;
  }

  public void setTarget(Double target) {
    this.target = target;
  }

  public String getWindow() {
    return window;
  }

  public void setWindow(String window) {
    this.window = window;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }
}
