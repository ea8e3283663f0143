package dev.ownership.operator.who;

import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.Status;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a 403 into the permission that is missing. The API server's Status message says it exactly
 * ({@code ... cannot list resource "pods" in API group "" in the namespace "shop"}); when a server
 * words it differently, the request that was refused says it instead.
 */
final class ForbiddenRead {
  private static final Pattern RBAC =
      Pattern.compile(
          "cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\""
              + "(?: in the namespace \"([^\"]+)\")?");
  private static final Pattern SUBJECT = Pattern.compile("(User|ServiceAccount|Group) \"[^\"]+\"");

  private ForbiddenRead() {}

  /**
   * @param namespace null for a cluster-scoped or all-namespaces request
   */
  static String message(
      Status status, String verb, String group, String resource, String namespace) {
    String serverMessage = status == null || status.getMessage() == null ? "" : status.getMessage();
    Matcher m = RBAC.matcher(serverMessage);
    if (m.find()) {
      verb = m.group(1);
      resource = m.group(2);
      group = m.group(3);
      namespace = m.group(4);
    }
    Matcher who = SUBJECT.matcher(serverMessage);
    String subject = who.find() ? who.group() + " " : "";
    return "forbidden: "
        + SafeText.of(subject, 120)
        + "may not "
        + SafeText.of(verb, 40)
        + " "
        + SafeText.of(resource + (group.isEmpty() ? "" : "." + group), 120)
        + (namespace == null
            ? " at the cluster scope"
            : " in namespace " + SafeText.of(namespace, 63))
        + "; the ClusterRole ownership-viewer (aggregated into view) grants what who reads";
  }
}
