package dev.ownership.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The local addresses the kernel has listening sockets on for a TCP port, read from {@code
 * /proc/net/tcp} and {@code /proc/net/tcp6} (Linux): what {@code ss -ltn} shows, without the tool.
 * Java listens on IPv6 sockets by default, so 127.0.0.1 usually shows as {@code ::ffff:127.0.0.1}
 * and 0.0.0.0 as {@code ::}; {@link InetAddress} turns the former back into 127.0.0.1.
 */
public final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  public static List<InetAddress> addresses(int port) {
    List<InetAddress> found = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        if (table.endsWith("6")) continue; // a kernel without IPv6
        throw new AssertionError(table + " is not readable: these tests need Linux's /proc");
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st ...; the address is hex, each 32-bit word little-endian
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
          found.add(address(local[0]));
        }
      }
    }
    return found;
  }

  static InetAddress address(String hex) {
    byte[] kernel = HexFormat.of().parseHex(hex);
    byte[] bytes = new byte[kernel.length];
    for (int word = 0; word < kernel.length; word += 4) {
      for (int i = 0; i < 4; i++) bytes[word + i] = kernel[word + 3 - i];
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hex, e);
    }
  }
}
