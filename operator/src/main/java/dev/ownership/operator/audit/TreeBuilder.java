package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.text.SafeText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the tree of one document from parser events, YAML's or JSON's, as kubectl would see it:
 * aliases expanded, merge keys ({@code <<}) merged (keys of the mapping itself win, then earlier
 * merged mappings), duplicate keys refused. It records the line of nodes near each object's root
 * and bounds what aliases may expand to per object: the document's root, or each item of a root
 * {@code items} list (a {@code List}), so that a List may be larger than one object may.
 */
final class TreeBuilder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Told when a new object begins: the readers' byte budgets count per object. */
  interface ObjectListener {
    void objectStarted();
  }

  private static final class Frame {
    final JsonNode node;
    final int line;
    final String pointer; // relative to the frame's object; null below the recorded depth
    final int depth; // relative to the frame's object
    final SourceLines lines;
    final String anchor;
    final long start;
    final boolean mergeValue; // the value of a << key: merged into the parent on its end
    final boolean rootItems; // the root mapping's items list: its entries are objects
    String key; // the key whose value comes next; null while a key is expected
    int keyLine;
    boolean merging;
    final Set<String> explicitKeys = new HashSet<>();
    final List<ObjectNode> merges = new ArrayList<>(0);
    long expandedInside;

    Frame(
        JsonNode node,
        int line,
        String pointer,
        int depth,
        SourceLines lines,
        String anchor,
        long start,
        boolean mergeValue,
        boolean rootItems) {
      this.node = node;
      this.line = line;
      this.pointer = pointer;
      this.depth = depth;
      this.lines = lines;
      this.anchor = anchor;
      this.start = start;
      this.mergeValue = mergeValue;
      this.rootItems = rootItems;
    }
  }

  private record Anchored(JsonNode node, long weight) {}

  private final ObjectListener listener;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final SourceLines rootLines = new SourceLines();
  private final List<SourceLines> itemLines = new ArrayList<>();
  private JsonNode root;
  private long expanded; // bytes added by aliases to the current object

  TreeBuilder(ObjectListener listener) {
    this.listener = listener;
  }

  /** The smallest integer node that holds {@code value}, as Jackson reads numbers. */
  static JsonNode integer(java.math.BigInteger value) {
    if (value.bitLength() < 32) return NODES.numberNode(value.intValue());
    if (value.bitLength() < 64) return NODES.numberNode(value.longValue());
    return NODES.numberNode(value);
  }

  JsonNode root() {
    return root;
  }

  SourceLines rootLines() {
    return rootLines;
  }

  /** The lines of each item of the root {@code items} list, in order. */
  List<SourceLines> itemLines() {
    return itemLines;
  }

  /** 1-based number of the root List item being read; 0 outside one. */
  int currentItem() {
    for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext(); ) {
      if (it.next().rootItems) return itemLines.size();
    }
    return 0;
  }

  boolean expectsKey() {
    Frame top = stack.peek();
    return top != null && top.node.isObject() && top.key == null && !top.merging;
  }

  void startMapping(String anchor, int line, long start) throws UnreadableDocument {
    open(NODES.objectNode(), anchor, line, start);
  }

  void startSequence(String anchor, int line, long start) throws UnreadableDocument {
    open(NODES.arrayNode(), anchor, line, start);
  }

  /** A mapping key, as text; {@code merge} for YAML's plain {@code <<}. */
  void key(String text, boolean merge, int line) throws UnreadableDocument {
    Frame top = stack.peek();
    if (merge) {
      top.merging = true;
      return;
    }
    if (!top.explicitKeys.add(text)) {
      throw new UnreadableDocument(
          "duplicate key '"
              + SafeText.of(text, 100)
              + "' at line "
              + line
              + " (YAML and the API server refuse duplicate keys)",
          line,
          currentItem());
    }
    top.key = text;
    top.keyLine = line;
  }

  void scalar(JsonNode value, String anchor, int line, long start, long end)
      throws UnreadableDocument {
    attach(value, place(line), line);
    if (anchor != null) anchors.put(anchor, new Anchored(value, Math.max(1, end - start)));
  }

  void alias(String anchor, int line) throws UnreadableDocument {
    Anchored anchored = anchors.get(anchor);
    if (anchored == null) {
      throw new UnreadableDocument(
          "alias *" + SafeText.of(anchor, 100) + " at line " + line + " names no anchor",
          line,
          currentItem());
    }
    Placement placement = place(line);
    expanded += anchored.weight;
    Frame top = stack.peek();
    if (top != null) top.expandedInside += anchored.weight;
    if (expanded > ReadLimits.MAX_OBJECT_BYTES) {
      throw new UnreadableDocument(
          "its aliases expand past "
              + ReadLimits.OBJECT_LIMIT_TEXT
              + " (alias *"
              + SafeText.of(anchor, 100)
              + " at line "
              + line
              + "); an object that large cannot be applied",
          line,
          currentItem());
    }
    attach(anchored.node.deepCopy(), placement, line);
  }

  void end(long end) throws UnreadableDocument {
    Frame frame = stack.pop();
    if (frame.node instanceof ObjectNode mapping) {
      for (ObjectNode merged : frame.merges) {
        for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (!mapping.has(field.getKey())) mapping.set(field.getKey(), field.getValue());
        }
      }
    }
    long weight = Math.max(1, end - frame.start) + frame.expandedInside;
    Frame parent = stack.peek();
    if (parent != null && !frame.rootItems) parent.expandedInside += frame.expandedInside;
    if (frame.anchor != null) anchors.put(frame.anchor, new Anchored(frame.node, weight));
    if (frame.mergeValue) merge(parent, frame.node, frame.line);
  }

  /** Where the next node goes: its parent frame, pointer, depth and line table. */
  private record Placement(Frame frame, String pointer, int depth, SourceLines lines) {}

  private Placement place(int line) throws UnreadableDocument {
    Frame parent = stack.peek();
    if (parent == null) {
      if (root != null)
        throw new UnreadableDocument("a second document without a --- line", line, 0);
      return new Placement(null, "", 0, rootLines);
    }
    if (parent.rootItems) {
      // Each item of a List is an object of its own: own lines, own budgets.
      SourceLines lines = new SourceLines();
      itemLines.add(lines);
      expanded = 0;
      listener.objectStarted();
      return new Placement(parent, "", 0, lines);
    }
    String segment =
        parent.node.isArray()
            ? Integer.toString(parent.node.size())
            : SourceLines.escape(parent.key == null ? "<<" : parent.key);
    int depth = parent.depth + 1;
    String pointer =
        parent.pointer == null || depth > SourceLines.RECORDED_DEPTH
            ? null
            : parent.pointer + "/" + segment;
    return new Placement(parent, pointer, depth, parent.lines);
  }

  private void open(JsonNode node, String anchor, int line, long start) throws UnreadableDocument {
    if (stack.size() >= ReadLimits.MAX_DEPTH) {
      throw new UnreadableDocument(
          "is nested deeper than " + ReadLimits.MAX_DEPTH + " levels (line " + line + ")",
          line,
          currentItem());
    }
    Placement placement = place(line);
    Frame parent = placement.frame;
    boolean mergeValue = parent != null && parent.node.isObject() && parent.merging;
    boolean rootItems =
        parent != null
            && stack.size() == 1
            && parent.node.isObject()
            && "items".equals(parent.key)
            && node.isArray();
    if (!mergeValue) attach(node, placement, line);
    else if (placement.pointer != null) placement.lines.record(placement.pointer, line);
    if (mergeValue) parent.merging = false;
    stack.push(
        new Frame(
            node,
            line,
            placement.pointer,
            placement.depth,
            placement.lines,
            anchor,
            start,
            mergeValue,
            rootItems));
  }

  private void attach(JsonNode node, Placement placement, int line) throws UnreadableDocument {
    if (placement.pointer != null) placement.lines.record(placement.pointer, line);
    Frame parent = placement.frame;
    if (parent == null) {
      root = node;
      return;
    }
    if (parent.node instanceof ArrayNode list) {
      list.add(node);
    } else if (parent.merging) {
      parent.merging = false;
      merge(parent, node, line);
    } else {
      ((ObjectNode) parent.node).set(parent.key, node);
      parent.key = null;
    }
  }

  private void merge(Frame into, JsonNode value, int line) throws UnreadableDocument {
    if (value instanceof ObjectNode mapping) {
      into.merges.add(mapping);
      return;
    }
    boolean mappings = value.isArray();
    for (JsonNode element : value) mappings &= element.isObject();
    if (mappings) {
      value.forEach(element -> into.merges.add((ObjectNode) element));
      return;
    }
    throw new UnreadableDocument(
        "the merge key << at line " + line + " needs a mapping or a list of mappings",
        line,
        currentItem());
  }
}
