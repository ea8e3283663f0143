package dev.ownership.operator.net;

/** A server could not listen: its port is taken (or the address is not this machine's). */
public final class PortInUseException extends IllegalStateException {
  private final String server;
  private final int port;

  /**
   * @param server which server, e.g. {@code metrics} or {@code webhook}
   */
  public PortInUseException(String server, String address, int port, Throwable cause) {
    super(
        "cannot listen on "
            + address
            + ":"
            + port
            + " for the "
            + server
            + " server: "
            + cause.getMessage(),
        cause);
    this.server = server;
    this.port = port;
  }

  public String server() {
    return server;
  }

  public int port() {
    return port;
  }
}
