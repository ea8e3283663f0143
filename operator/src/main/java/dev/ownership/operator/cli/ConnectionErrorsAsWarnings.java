package dev.ownership.operator.cli;

import io.vertx.core.spi.logging.LogDelegate;

/**
 * A Vert.x logger whose errors are warnings of one line: {@code Connection failed: <reason>}, the
 * stack trace only at DEBUG. See {@link VertxLogging} for why connection errors are not errors.
 */
final class ConnectionErrorsAsWarnings implements LogDelegate {
  private final LogDelegate target;

  ConnectionErrorsAsWarnings(LogDelegate target) {
    this.target = target;
  }

  private void demoted(Object message, Throwable cause) {
    String line = "Connection failed: " + message;
    if (cause != null && target.isDebugEnabled()) target.debug(line, cause);
    target.warn(line);
  }

  @Override
  public void fatal(Object message) {
    target.fatal(message);
  }

  @Override
  public void fatal(Object message, Throwable t) {
    target.fatal(message, t);
  }

  @Override
  public void error(Object message) {
    demoted(message, null);
  }

  @Override
  public void error(Object message, Object... params) {
    demoted(message, null);
  }

  @Override
  public void error(Object message, Throwable t) {
    demoted(message, t);
  }

  @Override
  public void error(Object message, Throwable t, Object... params) {
    demoted(message, t);
  }

  @Override
  public boolean isWarnEnabled() {
    return target.isWarnEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return target.isInfoEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return target.isDebugEnabled();
  }

  @Override
  public boolean isTraceEnabled() {
    return target.isTraceEnabled();
  }

  @Override
  public void warn(Object message) {
    target.warn(message);
  }

  @Override
  public void warn(Object message, Object... params) {
    target.warn(message, params);
  }

  @Override
  public void warn(Object message, Throwable t) {
    target.warn(message, t);
  }

  @Override
  public void warn(Object message, Throwable t, Object... params) {
    target.warn(message, t, params);
  }

  @Override
  public void info(Object message) {
    target.info(message);
  }

  @Override
  public void info(Object message, Object... params) {
    target.info(message, params);
  }

  @Override
  public void info(Object message, Throwable t) {
    target.info(message, t);
  }

  @Override
  public void info(Object message, Throwable t, Object... params) {
    target.info(message, t, params);
  }

  @Override
  public void debug(Object message) {
    target.debug(message);
  }

  @Override
  public void debug(Object message, Object... params) {
    target.debug(message, params);
  }

  @Override
  public void debug(Object message, Throwable t) {
    target.debug(message, t);
  }

  @Override
  public void debug(Object message, Throwable t, Object... params) {
    target.debug(message, t, params);
  }

  @Override
  public void trace(Object message) {
    target.trace(message);
  }

  @Override
  public void trace(Object message, Object... params) {
    target.trace(message, params);
  }

  @Override
  public void trace(Object message, Throwable t) {
    target.trace(message, t);
  }

  @Override
  public void trace(Object message, Throwable t, Object... params) {
    target.trace(message, t, params);
  }
}
