package dev.ownership.operator.cli;

import io.vertx.core.logging.SLF4JLogDelegateFactory;
import io.vertx.core.spi.logging.LogDelegate;
import io.vertx.core.spi.logging.LogDelegateFactory;
import java.util.Set;

/**
 * Vert.x's loggers, through SLF4J like everything else, except that a broken connection is a
 * warning. Vert.x reports an exception on a connection nobody set an exception handler on at ERROR
 * ({@code ConnectionBase - Connection reset}), and so does an HTTP request or response that fails
 * after its result was delivered ({@code HttpClientRequestImpl - Connection reset}); fabric8's HTTP
 * client sets no handler, so every reset by an API server or proxy — transient, and already failing
 * the request that used the connection, which its caller retries and logs — would read as an
 * operator error. Named by {@link Logging}.
 */
public final class VertxLogging implements LogDelegateFactory {
  /** The loggers Vert.x 4.5 reports unhandled connection exceptions on. */
  static final Set<String> CONNECTION_LOGGERS =
      Set.of(
          "io.vertx.core.net.impl.ConnectionBase",
          "io.vertx.core.http.impl.HttpClientRequestImpl",
          "io.vertx.core.http.impl.HttpClientResponseImpl");

  private final SLF4JLogDelegateFactory slf4j = new SLF4JLogDelegateFactory();

  @Override
  public boolean isAvailable() {
    return slf4j.isAvailable();
  }

  @Override
  public LogDelegate createDelegate(String name) {
    LogDelegate delegate = slf4j.createDelegate(name);
    return CONNECTION_LOGGERS.contains(name) ? new ConnectionErrorsAsWarnings(delegate) : delegate;
  }
}
