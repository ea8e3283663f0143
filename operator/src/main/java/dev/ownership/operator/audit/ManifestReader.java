package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.WorkloadKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads manifests from files, directories (recursively: *.yaml, *.yml, *.json) and stdin into
 * Kubernetes objects, as kubectl reads them (see {@link YamlDocuments}), within {@link ReadLimits}.
 * Multi-document YAML, JSON and {@code List} kinds are unpacked. Whatever cannot be read becomes an
 * {@link AuditProblem} naming the file, document and line; reading goes on with the rest.
 */
public final class ManifestReader {
  public static final String STDIN = "-";

  /** How every message, report and SARIF location names stdin (given as {@link #STDIN}). */
  public static final String STDIN_NAME = "<stdin>";

  static final String RENDERED = " (kubectl kustomize)";
  static final String KUSTOMIZE_GROUP = "kustomize.config.k8s.io";

  private final Options options;
  private final List<ManifestDocument> documents = new ArrayList<>();
  private final List<AuditProblem> problems = new ArrayList<>();
  private final List<AuditProblem> notices = new ArrayList<>();

  /** Kustomization files of walked directories: the directory's note or error speaks for them. */
  private final java.util.Set<String> walkedKustomizationFiles = new java.util.HashSet<>();

  /**
   * What was read: the objects, the errors (exit code 2) and the notices (documents skipped on
   * purpose).
   */
  public record Result(
      List<ManifestDocument> documents, List<AuditProblem> problems, List<AuditProblem> notices) {}

  /**
   * How directories are read.
   *
   * @param excludes globs; a file or directory under a directory argument is left out when one
   *     matches its path relative to that argument, or its name
   * @param kustomize render directories with a kustomization file with {@code kubectl kustomize}
   *     instead of reading their files
   */
  public record Options(List<String> excludes, boolean kustomize) {
    public static final Options DEFAULT = new Options(List.of(), false);

    public Options {
      excludes = List.copyOf(excludes);
    }
  }

  private ManifestReader(Options options) {
    this.options = options;
  }

  public static Result read(List<String> paths, InputStream stdin) {
    return read(paths, stdin, Options.DEFAULT);
  }

  public static Result read(List<String> paths, InputStream stdin, Options options) {
    ManifestReader reader = new ManifestReader(options);
    for (String path : paths) {
      if (path.equals(STDIN)) {
        reader.readStream(sourceName(path), stdin, null);
      } else {
        reader.readPath(Path.of(path), path);
      }
    }
    return reader.result();
  }

  /** Parses one stream of text (a file's content), e.g. for tests. */
  public static Result readText(String source, String text, boolean json) {
    ManifestReader reader = new ManifestReader(Options.DEFAULT);
    reader.parseText(source, text, json);
    return reader.result();
  }

  /** The name a path argument goes by in messages: {@link #STDIN_NAME} for {@code -}. */
  public static String sourceName(String path) {
    return path.equals(STDIN) ? STDIN_NAME : path;
  }

  /**
   * The file a source names, for tools that link to files: a rendered directory's kustomization.
   */
  public static String fileOf(String source) {
    if (!source.endsWith(RENDERED)) return source;
    Path dir = Path.of(source.substring(0, source.length() - RENDERED.length()));
    String kustomization = DirectoryWalk.kustomizationFile(dir);
    return dir.resolve(kustomization == null ? "kustomization.yaml" : kustomization).toString();
  }

  private Result result() {
    return new Result(List.copyOf(documents), List.copyOf(problems), List.copyOf(notices));
  }

  private void readPath(Path path, String shown) {
    if (!Files.isDirectory(path)) {
      readFile(path, shown);
      return;
    }
    DirectoryWalk.Walked walked = DirectoryWalk.walk(path, options, problems, notices);
    walked.kustomizations().forEach(k -> walkedKustomizationFiles.add(k.path()));
    int first = documents.size();
    for (DirectoryWalk.Entry entry : walked.entries()) {
      if (entry.kustomization()) render(entry.path());
      else readFile(entry.path(), entry.path().toString());
    }
    List<ManifestDocument> read = documents.subList(first, documents.size());
    for (DirectoryWalk.Kustomization kustomization : walked.kustomizations()) {
      // An overlay's own files are mostly patches: with no workload among them, reading them
      // would pass whatever kustomize renders unchecked, so that is no verdict (exit code 2).
      boolean holdsWorkloads =
          read.stream()
              .anyMatch(
                  d ->
                      Path.of(d.origin().source()).startsWith(kustomization.dir())
                          && WorkloadKind.fromApiVersionKind(d.apiVersion(), d.kind()).isPresent());
      AuditProblem problem =
          new AuditProblem(
              DocumentOrigin.wholeSource(kustomization.dir().toString()),
              DirectoryWalk.unrendered(kustomization, holdsWorkloads));
      (holdsWorkloads ? notices : problems).add(problem);
    }
  }

  private void render(Path dir) {
    String source = dir + RENDERED;
    try {
      parseBytes(source, KustomizeRender.render(dir), false);
    } catch (KustomizeRender.Failed e) {
      problems.add(new AuditProblem(DocumentOrigin.wholeSource(source), e.getMessage()));
    }
  }

  private void readFile(Path file, String shown) {
    if (!Files.exists(file)) {
      problems.add(
          new AuditProblem(DocumentOrigin.wholeSource(shown), "no such file or directory"));
      return;
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    try (InputStream in = Files.newInputStream(file)) {
      readStream(shown, in, json);
    } catch (IOException e) {
      problems.add(new AuditProblem(DocumentOrigin.wholeSource(shown), DirectoryWalk.reason(e)));
    }
  }

  /**
   * @param json true for .json files, false for YAML, null to decide from the content (stdin)
   */
  private void readStream(String source, InputStream in, Boolean json) {
    byte[] bytes;
    try {
      // Counted while reading: a huge file or an endless stream stops at the limit.
      bytes = in.readNBytes(ReadLimits.MAX_SOURCE_BYTES + 1);
    } catch (IOException e) {
      problems.add(new AuditProblem(DocumentOrigin.wholeSource(source), DirectoryWalk.reason(e)));
      return;
    }
    parseBytes(source, bytes, json);
  }

  private void parseBytes(String source, byte[] bytes, Boolean json) {
    if (bytes.length > ReadLimits.MAX_SOURCE_BYTES) {
      problems.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(source),
              "is larger than "
                  + ReadLimits.SOURCE_LIMIT_TEXT
                  + "; audit it in parts, or a cluster with --cluster (read page by page)"));
      return;
    }
    String text;
    try {
      text = decodeText(bytes);
    } catch (CharacterCodingException e) {
      problems.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(source),
              "is not a text file (binary or not UTF-8): give YAML or JSON manifests"));
      return;
    }
    boolean asJson =
        json != null
            ? json
            : text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
    parseText(source, text, asJson);
  }

  static String decodeText(byte[] bytes) throws CharacterCodingException {
    for (byte b : bytes) {
      if (b == 0) throw new CharacterCodingException();
    }
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private void parseText(String source, String text, boolean json) {
    if (json) {
      parseJson(source, text);
      return;
    }
    for (YamlStream.Segment segment : YamlStream.split(text)) {
      if (segment.isBlank()) continue; // empty documents are allowed and mean nothing
      DocumentOrigin origin = DocumentOrigin.document(source, segment.number());
      if (segment.oversized()) {
        problems.add(
            new AuditProblem(origin.atLine(segment.firstLine()), UnreadableDocument.tooLarge()));
        continue;
      }
      try {
        YamlDocuments.Parsed parsed = YamlDocuments.parse(segment.text(), segment.firstLine());
        accept(origin, parsed.tree(), parsed.bytes());
      } catch (UnreadableDocument e) {
        problems.add(problem(origin, e));
      }
    }
  }

  private void parseJson(String source, String text) {
    try (JsonDocuments values = new JsonDocuments(text)) {
      while (true) {
        DocumentOrigin origin = DocumentOrigin.document(source, values.number() + 1);
        try {
          TreeBuilder tree = values.next();
          if (tree == null) return;
          accept(origin, tree, values.lastSize());
        } catch (UnreadableDocument e) {
          problems.add(problem(origin, e));
          return; // JSON has no document markers to resume at
        }
      }
    }
  }

  private static AuditProblem problem(DocumentOrigin origin, UnreadableDocument e) {
    return new AuditProblem(
        new DocumentOrigin(origin.source(), origin.document(), e.item(), e.line()), e.getMessage());
  }

  private void accept(DocumentOrigin document, TreeBuilder tree, long size) {
    JsonNode node = tree.root();
    if (node == null || node.isMissingNode() || node.isNull()) return;
    DocumentOrigin origin = document.atLine(tree.rootLines().line());
    if (!node.isObject()) {
      problems.add(
          new AuditProblem(
              origin,
              "is "
                  + describe(node)
                  + ", not a Kubernetes object (a mapping with apiVersion and kind)"));
      return;
    }
    if (isKustomization(origin.source(), node)) {
      // kustomize's build file, not an object the API server would take: no input for the gate.
      if (!walkedKustomizationFiles.contains(origin.source()))
        notices.add(
            new AuditProblem(
                origin,
                "is a kustomization, not a Kubernetes object; audit what it renders (kubectl"
                    + " kustomize "
                    + directoryOf(origin.source())
                    + " | ownership-operator audit -), or its directory with --kustomize"));
      return;
    }
    if (!node.path("apiVersion").isTextual() || !node.path("kind").isTextual()) {
      notices.add(
          new AuditProblem(
              origin, "has no apiVersion and kind, so it is not a Kubernetes object; skipped"));
      return;
    }
    String kind = node.path("kind").asText();
    boolean list = kind.endsWith("List") && node.has("items");
    if (!list && size > ReadLimits.MAX_OBJECT_BYTES) {
      problems.add(new AuditProblem(origin, UnreadableDocument.tooLarge()));
      return;
    }
    if (list) {
      JsonNode items = node.get("items");
      if (!items.isArray() && !items.isNull()) {
        problems.add(
            new AuditProblem(
                origin, kind + ".items is " + describe(items) + ", not a list of objects"));
        return;
      }
      int index = 0;
      for (JsonNode item : items) {
        SourceLines lines =
            index < tree.itemLines().size() ? tree.itemLines().get(index) : SourceLines.NONE;
        DocumentOrigin itemOrigin = origin.item(++index).atLine(lines.line());
        if (!item.isObject()
            || !item.path("kind").isTextual()
            || !item.path("apiVersion").isTextual()) {
          problems.add(
              new AuditProblem(
                  itemOrigin, "is not a Kubernetes object (a mapping with apiVersion and kind)"));
        } else {
          documents.add(new ManifestDocument(itemOrigin, item, lines));
        }
      }
      return;
    }
    documents.add(new ManifestDocument(origin, node, tree.rootLines()));
  }

  /**
   * A kustomize {@code Kustomization} or {@code Component} (group kustomize.config.k8s.io), or a
   * kustomization file's mapping without apiVersion and kind (kustomize does not require them).
   */
  static boolean isKustomization(String source, JsonNode node) {
    String kind = node.path("kind").asText("");
    if (node.path("apiVersion").asText("").startsWith(KUSTOMIZE_GROUP + "/"))
      return kind.equals("Kustomization") || kind.equals("Component");
    if (node.has("apiVersion") || node.has("kind")) return false;
    int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf(java.io.File.separatorChar));
    return DirectoryWalk.KUSTOMIZATION_FILES.contains(source.substring(slash + 1));
  }

  private static String directoryOf(String source) {
    if (source.equals(STDIN_NAME)) return "DIR";
    Path parent = Path.of(source).getParent();
    return parent == null ? "." : parent.toString();
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) return "a string";
    if (node.isNumber()) return "a number";
    if (node.isBoolean()) return "a boolean";
    if (node.isArray()) return "a list";
    if (node.isObject()) return "a mapping";
    return "null";
  }
}
