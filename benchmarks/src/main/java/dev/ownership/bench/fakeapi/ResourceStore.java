package dev.ownership.bench.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Objects by collection, kept as JSON bytes (a 100k-Deployment store costs what the bytes cost),
 * one resourceVersion counter for all, and a bounded log of recent changes per collection so that a
 * watch may start from the version a list returned. Writes to one collection are serialized.
 */
final class ResourceStore {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String STATUS_LABEL = "ownership.dev/status";

  /** Changes kept per collection for watches that start behind; older ones answer 410 Gone. */
  private static final int EVENT_LOG = 50_000;

  record Change(long version, String type, String namespace, byte[] object) {}

  /** One watch: called with each change of its collection in its namespace (or all). */
  record Watcher(String namespace, Consumer<Change> sink) {}

  static final class Collection {
    final NavigableMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    final ArrayDeque<Change> log = new ArrayDeque<>();
    final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    /** The {@code ownership.dev/status} label value of each object ("" when absent). */
    final Map<String, String> status = new ConcurrentHashMap<>();

    String kind;
    long oldestLogged = 0;
  }

  private final Map<String, Collection> collections = new ConcurrentHashMap<>();
  private long version = 1;

  Collection collection(String name) {
    return collections.computeIfAbsent(name, n -> new Collection());
  }

  synchronized long version() {
    return version;
  }

  /** A consistent copy of the objects (keys after {@code after}, at most {@code limit}). */
  record Snapshot(long version, List<byte[]> items, String lastKey, boolean more) {}

  Snapshot list(String collection, String namespace, String after, long limit) {
    Collection c = collection(collection);
    synchronized (c) {
      NavigableMap<String, byte[]> view = c.objects;
      if (namespace != null) view = view.subMap(namespace + "/", true, namespace + "0", false);
      if (after != null) view = view.tailMap(after, false);
      List<byte[]> items = new ArrayList<>((int) Math.min(limit, Math.max(16, view.size())));
      String last = null;
      boolean more = false;
      for (Map.Entry<String, byte[]> e : view.entrySet()) {
        if (items.size() >= limit) {
          more = true;
          break;
        }
        items.add(e.getValue());
        last = e.getKey();
      }
      return new Snapshot(version(), items, last, more);
    }
  }

  byte[] get(String collection, String key) {
    return collection(collection).objects.get(key);
  }

  /**
   * Registers a watch from {@code fromVersion}, replaying logged changes after it.
   *
   * @return false when that version is older than the log (the client must list again)
   */
  boolean watch(String collection, long fromVersion, Watcher watcher) {
    Collection c = collection(collection);
    synchronized (c) {
      if (fromVersion > 0 && fromVersion < c.oldestLogged) return false;
      for (Change change : c.log) {
        if (change.version() > fromVersion && matches(watcher, change))
          watcher.sink().accept(change);
      }
      c.watchers.add(watcher);
      return true;
    }
  }

  void unwatch(String collection, Watcher watcher) {
    collection(collection).watchers.remove(watcher);
  }

  /** Stores a new object; fills uid, resourceVersion, creationTimestamp, generation. */
  byte[] create(String collection, String key, ObjectNode object) {
    Collection c = collection(collection);
    synchronized (c) {
      if (c.objects.containsKey(key)) return null;
      ObjectNode meta = object.with("metadata");
      if (!meta.hasNonNull("uid")) meta.put("uid", UUID.randomUUID().toString());
      if (!meta.hasNonNull("creationTimestamp"))
        meta.put(
            "creationTimestamp",
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      if (!meta.has("generation")) meta.put("generation", 1);
      if (c.kind == null) c.kind = object.path("kind").asText(null);
      return write(c, collection, key, object, "ADDED");
    }
  }

  /** Stores many objects at once without logging changes (seeding before anyone watches). */
  void seed(String collection, String key, ObjectNode object) {
    Collection c = collection(collection);
    synchronized (c) {
      if (c.kind == null) c.kind = object.path("kind").asText(null);
      long v;
      synchronized (this) {
        v = ++version;
      }
      object.with("metadata").put("resourceVersion", String.valueOf(v));
      c.objects.put(key, bytes(object));
      c.status.put(key, statusOf(object));
    }
  }

  /** The outcome of a write: the stored bytes, or an HTTP status and message. */
  record Outcome(byte[] object, int code, String message) {
    static Outcome ok(byte[] object) {
      return new Outcome(object, 200, null);
    }

    static Outcome fail(int code, String message) {
      return new Outcome(null, code, message);
    }
  }

  /** Replaces or patches an object: {@code change} edits a copy, which is then stored. */
  Outcome update(String collection, String key, Consumer<ObjectNode> change, boolean checkVersion) {
    Collection c = collection(collection);
    synchronized (c) {
      byte[] current = c.objects.get(key);
      if (current == null) return Outcome.fail(404, "not found");
      ObjectNode before = parse(current);
      ObjectNode after = before.deepCopy();
      try {
        change.accept(after);
      } catch (IllegalArgumentException e) {
        return Outcome.fail(422, e.getMessage());
      }
      ObjectNode meta = after.with("metadata");
      String sentVersion = meta.path("resourceVersion").asText("");
      if (checkVersion
          && !sentVersion.isEmpty()
          && !sentVersion.equals(before.path("metadata").path("resourceVersion").asText())) {
        return Outcome.fail(409, "the object has been modified; please apply your changes again");
      }
      meta.set("uid", before.path("metadata").get("uid"));
      meta.set("creationTimestamp", before.path("metadata").get("creationTimestamp"));
      long generation = before.path("metadata").path("generation").asLong(1);
      // As a real server does for Deployments and the other workload kinds: spec or annotations.
      boolean bump =
          !Objects.equals(before.get("spec"), after.get("spec"))
              || !Objects.equals(
                  before.path("metadata").get("annotations"),
                  after.path("metadata").get("annotations"));
      meta.put("generation", bump ? generation + 1 : generation);
      if (before.path("metadata").hasNonNull("deletionTimestamp")) {
        // As a real server: a deletion once asked for stays, and the last finalizer's removal
        // completes it.
        meta.set("deletionTimestamp", before.path("metadata").get("deletionTimestamp"));
        if (!hasFinalizers(after)) return Outcome.ok(remove(c, key, after));
      }
      return Outcome.ok(write(c, collection, key, after, "MODIFIED"));
    }
  }

  /**
   * Deletes an object, or, while it has finalizers, marks it with a deletionTimestamp (as a real
   * server does; the object goes when its last finalizer is removed).
   */
  byte[] delete(String collection, String key) {
    Collection c = collection(collection);
    synchronized (c) {
      byte[] current = c.objects.get(key);
      if (current == null) return null;
      ObjectNode object = parse(current);
      if (hasFinalizers(object)) {
        if (object.path("metadata").hasNonNull("deletionTimestamp")) return current;
        object
            .with("metadata")
            .put(
                "deletionTimestamp",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return write(c, collection, key, object, "MODIFIED");
      }
      return remove(c, key, object);
    }
  }

  private static boolean hasFinalizers(JsonNode object) {
    JsonNode finalizers = object.path("metadata").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  private byte[] remove(Collection c, String key, ObjectNode object) {
    c.objects.remove(key);
    c.status.remove(key);
    long v;
    synchronized (this) {
      v = ++version;
    }
    object.with("metadata").put("resourceVersion", String.valueOf(v));
    byte[] bytes = bytes(object);
    publish(c, new Change(v, "DELETED", namespaceOf(key), bytes));
    return bytes;
  }

  /** How many objects of a collection carry each {@code ownership.dev/status} value. */
  Map<String, Long> statusCounts(String collection) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String s : collection(collection).status.values()) counts.merge(s, 1L, Long::sum);
    return counts;
  }

  int size(String collection) {
    return collection(collection).objects.size();
  }

  String kind(String collection) {
    return collection(collection).kind;
  }

  private byte[] write(
      Collection c, String collection, String key, ObjectNode object, String type) {
    long v;
    synchronized (this) {
      v = ++version;
    }
    object.with("metadata").put("resourceVersion", String.valueOf(v));
    byte[] bytes = bytes(object);
    c.objects.put(key, bytes);
    c.status.put(key, statusOf(object));
    publish(c, new Change(v, type, namespaceOf(key), bytes));
    return bytes;
  }

  private static void publish(Collection c, Change change) {
    c.log.addLast(change);
    while (c.log.size() > EVENT_LOG) c.oldestLogged = c.log.removeFirst().version();
    for (Watcher w : c.watchers) {
      if (matches(w, change)) w.sink().accept(change);
    }
  }

  private static boolean matches(Watcher w, Change change) {
    return w.namespace() == null || w.namespace().equals(change.namespace());
  }

  private static String namespaceOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  private static String statusOf(JsonNode object) {
    return object.path("metadata").path("labels").path(STATUS_LABEL).asText("");
  }

  static JsonNode parse0(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode parse(byte[] bytes) {
    try {
      return (ObjectNode) JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
