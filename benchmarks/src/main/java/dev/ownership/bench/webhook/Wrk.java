package dev.ownership.bench.webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's {@code wrk} (it speaks TLS) POSTing one body at saturation; parses what it prints. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors:(.*)");

  record Result(double requestsPerSecond, long non2xx, String socketErrors, String output) {}

  private Wrk() {}

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(5, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A Lua script that makes wrk POST {@code body} as JSON. */
  static Path script(Path dir, Path body) throws IOException {
    return Files.writeString(
        dir.resolve("post-review.lua"),
        """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        local f = assert(io.open("%s", "rb"))
        wrk.body = f:read("*all")
        f:close()
        """
            .formatted(body.toAbsolutePath()));
  }

  static Result run(int port, Path script, int threads, int connections, int seconds)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    "wrk",
                    "-t" + threads,
                    "-c" + connections,
                    "-d" + seconds + "s",
                    "-s",
                    script.toString(),
                    "https://127.0.0.1:" + port + "/validate"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) p.destroyForcibly();
    Matcher rate = RATE.matcher(out);
    if (!rate.find()) throw new IOException("wrk printed no Requests/sec:\n" + out);
    Matcher non2xx = NON_2XX.matcher(out);
    Matcher errors = ERRORS.matcher(out);
    return new Result(
        Double.parseDouble(rate.group(1)),
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
        errors.find() ? errors.group(1).trim() : "",
        out);
  }
}
