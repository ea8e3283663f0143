package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Member {
  public enum Role {
    @JsonProperty("manager")
    MANAGER,
    @JsonProperty("member")
    MEMBER
  }

  @Required
  @Size(min = 1, max = 253)
  private String name;

  @Size(max = 253)
  private String email;

  @JsonPropertyDescription("manager or member.")
  private Role role;

  public Member() {}

  public Member(String name, String email, Role role) {
    this.name = name;
    this.email = email;
    this.role = role;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public Role getRole() {
    return role;
  }

  public void setRole(Role role) {
    this.role = role;
  }
}
