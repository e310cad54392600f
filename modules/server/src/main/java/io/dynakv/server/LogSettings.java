package io.dynakv.server;

import static io.dynakv.node.ConfigCheck.intBetween;
import static io.dynakv.node.ConfigCheck.nonEmptyString;
import static io.dynakv.node.ConfigCheck.oneOf;
import static io.dynakv.node.ConfigCheck.positiveBytes;

import com.typesafe.config.Config;
import io.dynakv.node.ConfigValidation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how the node logs ({@code dynakv.log} in dynakv-server.conf): node.log in {@code
 * dir}, rolled daily and at {@code maxFileSize}, rolled files kept {@code maxHistory} days and
 * {@code totalSizeCap} in all; lines as text or as JSON objects. logback.xml reads these as
 * system properties, which {@link #publish} sets before the first logger exists.
 */
record LogSettings(Path dir, String format, long maxFileSize, int maxHistory, long totalSizeCap) {

  static LogSettings create(Config config) {
    Config c = config.getConfig("dynakv.log");
    return new LogSettings(
        Path.of(c.getString("dir")).toAbsolutePath().normalize(),
        c.getString("format").toLowerCase(Locale.ROOT),
        c.getBytes("max-file-size"),
        c.getInt("max-history"),
        c.getBytes("total-size-cap"));
  }

  /** The node's checks and those of these settings. */
  static ConfigValidation validation(ConfigValidation node) {
    return node.with("dynakv.log.dir", nonEmptyString())
        .with("dynakv.log.format", oneOf("text", "json"))
        .with("dynakv.log.max-file-size", positiveBytes())
        .with("dynakv.log.max-history", intBetween(1, Integer.MAX_VALUE))
        .with("dynakv.log.total-size-cap", positiveBytes());
  }

  /**
   * The properties logback.xml reads (sizes in bytes, which logback's FileSize accepts). Each
   * JSON line also names its node ({@code dynakv.log.node}), for logs gathered from several hosts.
   */
  Map<String, String> properties(String nodeId) {
    return Map.of(
        "dynakv.log.dir", dir.toString(),
        "dynakv.log.format", format,
        "dynakv.log.max-file-size", Long.toString(maxFileSize),
        "dynakv.log.max-history", Integer.toString(maxHistory),
        "dynakv.log.total-size-cap", Long.toString(totalSizeCap),
        "dynakv.log.node", nodeId);
  }

  /** Hands the settings to logback.xml: call before the first logger exists. */
  void publish(String nodeId) {
    properties(nodeId).forEach(System::setProperty);
  }
}
