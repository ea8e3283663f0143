package dev.ownership.operator.audit;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the manifests under a directory: *.yaml, *.yml and *.json files, sorted, {@code .git} and
 * {@code --exclude}d paths left out. A directory that cannot be read is a problem for that path and
 * the walk goes on; a symbolic link is not followed, with a note naming it. A Helm chart is a
 * problem (its templates are not manifests until rendered); a kustomization is left to the reader
 * ({@link Walked#kustomizations()}: whether its files say enough), or, with {@code --kustomize},
 * rendered as a whole instead of read file by file.
 */
final class DirectoryWalk {
  static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** A file to read, or a kustomization directory to render. */
  record Entry(Path path, boolean kustomization) {}

  /** A directory with a kustomization file, read file by file (no {@code --kustomize}). */
  record Kustomization(Path dir, String file) {
    /** The kustomization file, named as the walk names the files it reads. */
    String path() {
      return dir.resolve(file).toString();
    }
  }

  /** What a walk found: the entries, sorted, and the kustomizations read file by file. */
  record Walked(List<Entry> entries, List<Kustomization> kustomizations) {}

  private final Path root;
  private final List<PathMatcher> excludes;
  private final boolean kustomize;
  private final List<Entry> entries = new ArrayList<>();
  private final List<Kustomization> kustomizations = new ArrayList<>();
  private final List<AuditProblem> problems;
  private final List<AuditProblem> notices;

  private DirectoryWalk(
      Path root,
      ManifestReader.Options options,
      List<AuditProblem> problems,
      List<AuditProblem> notices) {
    this.root = root;
    this.excludes =
        options.excludes().stream()
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
            .toList();
    this.kustomize = options.kustomize();
    this.problems = problems;
    this.notices = notices;
  }

  /** What is under {@code root}; problems and notices are added to the lists. */
  static Walked walk(
      Path root,
      ManifestReader.Options options,
      List<AuditProblem> problems,
      List<AuditProblem> notices) {
    DirectoryWalk walk = new DirectoryWalk(root, options, problems, notices);
    try {
      Files.walkFileTree(root, walk.visitor());
    } catch (IOException e) {
      problems.add(new AuditProblem(DocumentOrigin.wholeSource(root.toString()), reason(e)));
    }
    walk.entries.sort(Comparator.comparing(Entry::path));
    return new Walked(List.copyOf(walk.entries), List.copyOf(walk.kustomizations));
  }

  private SimpleFileVisitor<Path> visitor() {
    return new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        if (!dir.equals(root) && (dir.getFileName().toString().equals(".git") || excluded(dir)))
          return FileVisitResult.SKIP_SUBTREE;
        if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
          problems.add(
              new AuditProblem(
                  DocumentOrigin.wholeSource(dir.toString()),
                  "is a Helm chart: its templates are not manifests until rendered; audit what it"
                      + " renders (helm template RELEASE "
                      + dir
                      + " | ownership-operator audit -), or --exclude it"));
          return FileVisitResult.SKIP_SUBTREE;
        }
        String kustomization = kustomizationFile(dir);
        if (kustomization == null) return FileVisitResult.CONTINUE;
        if (kustomize) {
          entries.add(new Entry(dir, true));
          return FileVisitResult.SKIP_SUBTREE;
        }
        kustomizations.add(new Kustomization(dir, kustomization));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (excluded(file)) return FileVisitResult.CONTINUE;
        if (attributes.isRegularFile() && isManifestFile(file)) {
          entries.add(new Entry(file, false));
        } else if (attributes.isSymbolicLink()
            && (isManifestFile(file) || Files.isDirectory(file))) {
          // Not followed (a link may leave the tree or loop), but never skipped in silence.
          notices.add(
              new AuditProblem(
                  DocumentOrigin.wholeSource(file.toString()),
                  "is a symbolic link"
                      + target(file)
                      + "; links are not followed, so it was not read: audit its target"));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        problems.add(new AuditProblem(DocumentOrigin.wholeSource(file.toString()), reason(e)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) {
        if (e != null)
          problems.add(new AuditProblem(DocumentOrigin.wholeSource(dir.toString()), reason(e)));
        return FileVisitResult.CONTINUE;
      }
    };
  }

  /** E.g. {@code to ../shared/web.yaml}; empty when the link cannot be read. */
  private static String target(Path link) {
    try {
      return " to " + Files.readSymbolicLink(link);
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  /** The note or error for a kustomization read file by file; see {@link ManifestReader}. */
  static String unrendered(Kustomization kustomization, boolean holdsWorkloads) {
    String render =
        "render it (kubectl kustomize "
            + kustomization.dir()
            + " | ownership-operator audit -) or pass --kustomize";
    if (holdsWorkloads)
      return "has a "
          + kustomization.file()
          + ": its files are audited as they are, not as kustomize renders them; "
          + render;
    return "has a "
        + kustomization.file()
        + " and its files hold no workload: what it deploys comes from what kustomize renders"
        + " (resources, patches, components), so reading its files would pass unchecked; "
        + render;
  }

  static String kustomizationFile(Path dir) {
    for (String name : KUSTOMIZATION_FILES) {
      if (Files.isRegularFile(dir.resolve(name))) return name;
    }
    return null;
  }

  /** A glob matches the path relative to the directory given, or the file's name alone. */
  private boolean excluded(Path path) {
    Path relative = root.relativize(path);
    for (PathMatcher matcher : excludes) {
      if (matcher.matches(relative) || matcher.matches(path.getFileName())) return true;
    }
    return false;
  }

  static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "cannot read: permission denied";
    if (e instanceof NoSuchFileException) return "no such file or directory";
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "cannot read: " + message;
  }
}
