package dev.ownership.operator.cli;

import io.vertx.core.logging.SLF4JLogDelegateFactory;
import io.vertx.core.spi.logging.LogDelegate;
import io.vertx.core.spi.logging.LogDelegateFactory;

/**
 * Vert.x's loggers, through SLF4J like everything else, except that a broken connection is a
 * warning. Vert.x reports an exception on a connection nobody set an exception handler on at ERROR
 * ({@code ConnectionBase - Connection reset}); fabric8's HTTP client sets none, so every reset by
 * an API server or proxy — transient, and already failing the request that used the connection,
 * which its caller retries and logs — would read as an operator error. Named by {@link Logging}.
 */
public final class VertxLogging implements LogDelegateFactory {
  /** The logger Vert.x reports unhandled connection exceptions on. */
  static final String CONNECTION_LOGGER = "io.vertx.core.net.impl.ConnectionBase";

  private final SLF4JLogDelegateFactory slf4j = new SLF4JLogDelegateFactory();

  @Override
  public boolean isAvailable() {
    return slf4j.isAvailable();
  }

  @Override
  public LogDelegate createDelegate(String name) {
    LogDelegate delegate = slf4j.createDelegate(name);
    return CONNECTION_LOGGER.equals(name) ? new ConnectionErrorsAsWarnings(delegate) : delegate;
  }
}
