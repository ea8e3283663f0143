package dev.ownership.operator.ownership;

/**
 * Where a team came from; {@link #annotationValue()} is what {@code ownership.dev/source} says.
 *
 * @param detail the label key for LABEL, the ServiceOwnership name for SERVICE_OWNERSHIP, else null
 */
public record OwnerSource(Type type, String detail) {
  public enum Type {
    LABEL,
    SERVICE_OWNERSHIP,
    NAMESPACE
  }

  public static OwnerSource label(String key) {
    return new OwnerSource(Type.LABEL, key);
  }

  public static OwnerSource serviceOwnership(String name) {
    return new OwnerSource(Type.SERVICE_OWNERSHIP, name);
  }

  public static OwnerSource namespace() {
    return new OwnerSource(Type.NAMESPACE, null);
  }

  public String annotationValue() {
    return switch (type) {
      case LABEL -> "label";
      case NAMESPACE -> "namespace";
      case SERVICE_OWNERSHIP -> "ServiceOwnership/" + detail;
    };
  }

  /** The ServiceOwnership name when the team came from one, else null. */
  public String serviceOwnershipName() {
    return type == Type.SERVICE_OWNERSHIP ? detail : null;
  }
}
