package dev.ownership.operator.ownership;

/** The value of the {@code ownership.dev/status} label. */
public enum OwnershipStatus {
  OWNED("owned"),
  UNOWNED("unowned"),
  CONFLICT("conflict");

  private final String value;

  OwnershipStatus(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public boolean hasOwner() {
    return this != UNOWNED;
  }
}
