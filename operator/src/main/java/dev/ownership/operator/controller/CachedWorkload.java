package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.LabelValues;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the cache keeps of one workload: the fields {@link WorkloadProjection} keeps, without the
 * fabric8 model objects around them. A projected {@code GenericKubernetesResource} costs about 2 KB
 * (an {@code ObjectMeta} with its empty lists, four hash maps, some thirty strings); this is one
 * object with a few arrays, the labels as {@code key, value, key, value} and the repeated strings
 * (namespace, label keys, common values) shared through {@link StringInterner}s. A canonical UUID
 * and a numeric resourceVersion, the usual forms, are held as numbers and printed again on reading.
 * Immutable, so informer threads and the resolver share it without locks.
 */
public final class CachedWorkload {
  private static final String[] NONE = {};
  private static final Owner[] NO_OWNERS = {};

  /**
   * Namespace names, label and annotation keys, owner apiVersions and kinds: few distinct ones in
   * any cluster, 2,048 slots hold them; 317 characters is the longest label key (253 prefix, '/',
   * 63 name).
   */
  static final StringInterner KEYS = new StringInterner(2048, 317);

  /**
   * Label and annotation values and names; 8,192 slots of at most 63 characters (the longest label
   * value), so at most about 0.8 MB (1.4 MB were they all UTF-16) however many distinct values the
   * cluster has.
   */
  static final StringInterner VALUES = new StringInterner(8192, 63);

  private final String namespace;
  private final String name;
  private final long uidHigh;
  private final long uidLow;

  /** The uid when it is not a canonical UUID (then {@code uidHigh}, {@code uidLow} are unused). */
  private final String uidText;

  /** The resourceVersion as a number, or -1 when it is null or not a plain decimal. */
  private final long version;

  private final String versionText;
  private final String deletionTimestamp;
  private final String[] labels;
  private final String[] templateLabels;
  private final String[] ownAnnotations;
  private final Owner[] owners;

  /** An owner reference, with only the fields the rules read. */
  private record Owner(
      String apiVersion, String kind, String name, String uid, Boolean controller) {}

  private CachedWorkload(
      String namespace,
      String name,
      String uid,
      String resourceVersion,
      String deletionTimestamp,
      String[] labels,
      String[] templateLabels,
      String[] ownAnnotations,
      Owner[] owners) {
    this.namespace = namespace;
    this.name = name;
    long[] packed = packUuid(uid);
    this.uidHigh = packed == null ? 0 : packed[0];
    this.uidLow = packed == null ? 0 : packed[1];
    this.uidText = packed == null ? uid : null;
    this.version = packVersion(resourceVersion);
    this.versionText = version < 0 ? resourceVersion : null;
    this.deletionTimestamp = deletionTimestamp;
    this.labels = labels;
    this.templateLabels = templateLabels;
    this.ownAnnotations = ownAnnotations;
    this.owners = owners;
  }

  /**
   * The cached form of a full workload as the API server sent it, or of a resource {@link
   * #toResource} made (whose pod-template labels are under {@link
   * WorkloadProjection#TEMPLATE_LABELS}).
   */
  public static CachedWorkload of(WorkloadKind kind, GenericKubernetesResource resource) {
    return of(kind, resource, null);
  }

  /**
   * @param previous the cached form of the version before, or null: its name and namespace are
   *     kept, so the refs made from it (which the resolver's ledger keeps) stay the only copies
   */
  static CachedWorkload of(
      WorkloadKind kind, GenericKubernetesResource resource, CachedWorkload previous) {
    ObjectMeta meta = resource.getMetadata();
    String name =
        previous != null && previous.name.equals(meta.getName())
            ? previous.name
            : VALUES.intern(meta.getName());
    String namespace =
        previous != null && previous.namespace.equals(meta.getNamespace())
            ? previous.namespace
            : KEYS.intern(meta.getNamespace());
    // The name is often a label value too (app.kubernetes.io/name): then the label shares it.
    String[] labels = labelArray(meta.getLabels(), name);
    String[] template = labelArray(WorkloadProjection.podTemplateLabels(kind, resource), name);
    if (Arrays.equals(template, labels)) template = labels;
    return new CachedWorkload(
        namespace,
        name,
        meta.getUid(),
        meta.getResourceVersion(),
        meta.getDeletionTimestamp(),
        labels,
        template,
        ownAnnotations(meta.getAnnotations()),
        owners(meta.getOwnerReferences()));
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public String uid() {
    return uidText != null || (uidHigh == 0 && uidLow == 0)
        ? uidText
        : new UUID(uidHigh, uidLow).toString();
  }

  public String resourceVersion() {
    return version >= 0 ? Long.toString(version) : versionText;
  }

  public WorkloadRef ref(WorkloadKind kind) {
    return new WorkloadRef(kind, namespace, name);
  }

  /** The resolution input, as {@link WorkloadProjection#toWorkload} reads it from a projection. */
  public Workload toWorkload(WorkloadKind kind) {
    List<ControllerReference> refs = new ArrayList<>(owners.length);
    for (Owner o : owners) {
      refs.add(
          new ControllerReference(
              o.apiVersion(), o.kind(), o.name(), Boolean.TRUE.equals(o.controller())));
    }
    return Workload.of(ref(kind), Map.copyOf(map(labels)), Map.copyOf(map(templateLabels)), refs);
  }

  /** The operator's marks on it, as {@link WorkloadProjection#marks} reads them. */
  public WorkloadMarks marks() {
    return WorkloadMarks.current(map(ownAnnotations), map(labels));
  }

  /**
   * The projection fabric8's informer hands out and every reader of a {@code
   * GenericKubernetesResource} gets: the same fields {@link WorkloadProjection#project} keeps, made
   * anew on every call (it lives as long as one event or one reconcile).
   */
  public GenericKubernetesResource toResource(WorkloadKind kind) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    meta.setUid(uid());
    meta.setResourceVersion(resourceVersion());
    meta.setDeletionTimestamp(deletionTimestamp);
    if (labels.length > 0) meta.setLabels(map(labels));
    if (ownAnnotations.length > 0) meta.setAnnotations(map(ownAnnotations));
    if (owners.length > 0) {
      List<OwnerReference> refs = new ArrayList<>(owners.length);
      for (Owner o : owners) {
        OwnerReference ref = new OwnerReference();
        ref.setApiVersion(o.apiVersion());
        ref.setKind(o.kind());
        ref.setName(o.name());
        ref.setUid(o.uid());
        ref.setController(o.controller());
        refs.add(ref);
      }
      meta.setOwnerReferences(refs);
    }
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(kind.apiVersion());
    resource.setKind(kind.kind());
    resource.setMetadata(meta);
    if (templateLabels.length > 0) {
      resource.setAdditionalProperty(WorkloadProjection.TEMPLATE_LABELS, map(templateLabels));
    }
    return resource;
  }

  /**
   * A label map by the rule every reader shares: a null value reads as {@link
   * LabelValues#ofNull()}.
   */
  private static String[] labelArray(Map<String, String> map, String name) {
    if (map == null || map.isEmpty()) return NONE;
    String[] pairs = new String[map.size() * 2];
    int n = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() == null) continue;
      pairs[n++] = KEYS.intern(e.getKey());
      String value = e.getValue();
      pairs[n++] =
          value == null ? LabelValues.ofNull() : value.equals(name) ? name : VALUES.intern(value);
    }
    if (n == 0) return NONE;
    return n == pairs.length ? pairs : Arrays.copyOf(pairs, n);
  }

  private static String[] ownAnnotations(Map<String, String> annotations) {
    if (annotations == null || annotations.isEmpty()) return NONE;
    List<String> own = new ArrayList<>(4);
    annotations.forEach(
        (k, v) -> {
          if (k != null && k.startsWith(OwnershipKeys.PREFIX) && v != null) {
            own.add(KEYS.intern(k));
            own.add(VALUES.intern(v));
          }
        });
    return own.isEmpty() ? NONE : own.toArray(NONE);
  }

  private static Owner[] owners(List<OwnerReference> refs) {
    if (refs == null || refs.isEmpty()) return NO_OWNERS;
    Owner[] owners = new Owner[refs.size()];
    for (int i = 0; i < owners.length; i++) {
      OwnerReference ref = refs.get(i);
      owners[i] =
          new Owner(
              KEYS.intern(ref.getApiVersion()),
              KEYS.intern(ref.getKind()),
              VALUES.intern(ref.getName()),
              ref.getUid(),
              ref.getController());
    }
    return owners;
  }

  /** A fresh mutable map, as fabric8's model objects hold (readers may expect to change it). */
  private static Map<String, String> map(String[] pairs) {
    Map<String, String> map = new LinkedHashMap<>(pairs.length);
    for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
    return map;
  }

  /**
   * The two halves of a canonical (lowercase, dashed) UUID, or null for anything else, which is
   * kept as text so that it reads back exactly. The nil UUID is kept as text too: zero halves mean
   * "no uid".
   */
  private static long[] packUuid(String uid) {
    if (uid == null || uid.length() != 36) return null;
    long high = 0;
    long low = 0;
    int digits = 0;
    for (int i = 0; i < 36; i++) {
      char c = uid.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') return null;
        continue;
      }
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else return null;
      if (digits++ < 16) high = (high << 4) | d;
      else low = (low << 4) | d;
    }
    return high == 0 && low == 0 ? null : new long[] {high, low};
  }

  /** A plain decimal without leading zeros that fits a long, or -1 (kept as text). */
  private static long packVersion(String version) {
    if (version == null || version.isEmpty() || version.length() > 18) return -1;
    if (version.charAt(0) == '0' && version.length() > 1) return -1;
    long n = 0;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
