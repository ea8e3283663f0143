package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.spi.logging.LogDelegate;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection reset Vert.x reports is one WARN line; every other logger is left as it is. */
class VertxLoggingTest {
  private final List<String> calls = new ArrayList<>();

  /** A LogDelegate that records "level message [throwable]" and says DEBUG is {@code debug}. */
  private LogDelegate recording(boolean debug) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("isDebugEnabled")) return debug;
          if (method.getName().startsWith("is")) return true;
          if (method.getName().equals("unwrap")) return null;
          calls.add(
              method.getName()
                  + " "
                  + args[0]
                  + (args.length > 1 && args[1] instanceof Throwable t ? " " + t : ""));
          return null;
        };
    return (LogDelegate)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {LogDelegate.class}, handler);
  }

  @Test
  void aConnectionErrorIsOneWarningLine() {
    LogDelegate log = new ConnectionErrorsAsWarnings(recording(false));
    log.error("Connection reset");
    log.error("Connection reset", new IOException("Connection reset by peer"));
    assertThat(calls)
        .containsExactly(
            "warn Connection failed: Connection reset", "warn Connection failed: Connection reset");
  }

  @Test
  void theStackTraceOnlyAtDebug() {
    LogDelegate log = new ConnectionErrorsAsWarnings(recording(true));
    log.error("Connection reset", new IOException("Connection reset by peer"));
    assertThat(calls)
        .containsExactly(
            "debug Connection failed: Connection reset java.io.IOException: Connection reset by"
                + " peer",
            "warn Connection failed: Connection reset");
  }

  @Test
  void otherLevelsPassThrough() {
    LogDelegate log = new ConnectionErrorsAsWarnings(recording(false));
    log.info("i");
    log.warn("w");
    log.fatal("f");
    assertThat(calls).containsExactly("info i", "warn w", "fatal f");
  }

  @Test
  void onlyTheConnectionLoggersAreDemotedAndLoggingNamesTheFactory() {
    VertxLogging factory = new VertxLogging();
    assertThat(factory.isAvailable()).isTrue();
    // Vert.x names each logger after its class: a rename in an upgrade must fail here.
    for (Class<?> logged :
        List.of(
            io.vertx.core.net.impl.ConnectionBase.class,
            io.vertx.core.http.impl.HttpClientRequestImpl.class,
            io.vertx.core.http.impl.HttpClientResponseImpl.class)) {
      assertThat(factory.createDelegate(logged.getName()))
          .as(logged.getName())
          .isInstanceOf(ConnectionErrorsAsWarnings.class);
    }
    assertThat(VertxLogging.CONNECTION_LOGGERS).hasSize(3);
    assertThat(factory.createDelegate("io.vertx.core.http.impl.HttpServerImpl"))
        .isNotInstanceOf(ConnectionErrorsAsWarnings.class);
    String key = "vertx.logger-delegate-factory-class-name";
    String before = System.getProperty(key);
    // configure() also sets the logger's level for "audit": leave this JVM's as it was.
    String levelKey = "org.slf4j.simpleLogger.defaultLogLevel";
    String level = System.getProperty(levelKey);
    try {
      System.clearProperty(key);
      Logging.configure("audit");
      assertThat(System.getProperty(key)).isEqualTo(VertxLogging.class.getName());
    } finally {
      if (before == null) System.clearProperty(key);
      else System.setProperty(key, before);
      if (level == null) System.clearProperty(levelKey);
      else System.setProperty(levelKey, level);
    }
    assertThat(
            Arrays.stream(VertxLogging.class.getConstructors())
                .anyMatch(c -> c.getParameterCount() == 0))
        .as("Vert.x instantiates the factory by name")
        .isTrue();
  }
}
