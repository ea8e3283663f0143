package dev.ownership.operator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven stamped into the jar. */
public final class VersionInfo implements CommandLine.IVersionProvider {
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in =
        VersionInfo.class.getResourceAsStream("/ownership-operator-version.properties")) {
      if (in != null) properties.load(in);
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "ownership-operator " + version(), "Java " + System.getProperty("java.version")
    };
  }
}
