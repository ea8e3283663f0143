package dev.ownership.bench.fakeapi;

/**
 * A Kubernetes REST path taken apart: {@code /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]]} or
 * {@code /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME[/SUB]]}.
 *
 * @param namespace null for cluster-scoped resources and for lists across all namespaces
 * @param name null for collections
 * @param subresource null, or e.g. {@code status}
 */
record ResourcePath(
    String group,
    String version,
    String resource,
    String namespace,
    String name,
    String subresource) {

  /** The collection this path is in: the same for a namespaced list and an all-namespaces list. */
  String collection() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /** Store key of one object. */
  String key() {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  /** The path parsed, or null when it is not a resource path. */
  static ResourcePath parse(String path) {
    String[] s = path.replaceAll("^/+|/+$", "").split("/");
    int i;
    String group;
    String version;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      i = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      i = 3;
    } else {
      return null;
    }
    int rest = s.length - i;
    if (s[i].equals("namespaces") && rest >= 3) {
      return new ResourcePath(
          group,
          version,
          s[i + 2],
          s[i + 1],
          rest >= 4 ? s[i + 3] : null,
          rest >= 5 ? s[i + 4] : null);
    }
    return new ResourcePath(
        group, version, s[i], null, rest >= 2 ? s[i + 1] : null, rest >= 3 ? s[i + 2] : null);
  }
}
