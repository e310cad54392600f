package io.dynakv.node;

import static io.dynakv.node.ConfigCheck.atLeast;
import static io.dynakv.node.ConfigCheck.bool;
import static io.dynakv.node.ConfigCheck.bytesUpTo;
import static io.dynakv.node.ConfigCheck.bytesAtLeast;
import static io.dynakv.node.ConfigCheck.bytesBelow;
import static io.dynakv.node.ConfigCheck.durationAtMost;
import static io.dynakv.node.ConfigCheck.everyElementMatching;
import static io.dynakv.node.ConfigCheck.intAtMost;
import static io.dynakv.node.ConfigCheck.intBetween;
import static io.dynakv.node.ConfigCheck.matching;
import static io.dynakv.node.ConfigCheck.nonEmptyString;
import static io.dynakv.node.ConfigCheck.nonNegativeDuration;
import static io.dynakv.node.ConfigCheck.oneOf;
import static io.dynakv.node.ConfigCheck.port;
import static io.dynakv.node.ConfigCheck.positiveBytes;
import static io.dynakv.node.ConfigCheck.positiveDuration;
import static io.dynakv.node.ConfigCheck.powerOfTwo;
import static io.dynakv.node.ConfigCheck.share;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.dynakv.core.BucketProps;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.node.tls.TlsChecks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Checks a node's configuration before anything starts: every key under {@code dynakv.} must
 * be one the defaults know (a misspelt key would otherwise be ignored, and its default used
 * without a word), and every value must be in its range. Problems come back as single lines
 * that name the key, where it was set and why it is refused; {@link #requireValid} joins them
 * into one message for the operator. No Akka; nothing read but the configs given, except the
 * key and trust stores that {@code dynakv.security.tls} names when it is enabled (TlsChecks).
 */
public final class ConfigValidation {

  private static final String ROOT = "dynakv";
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /** A seed is a member's Akka address; the actor system is always called dynakv. */
  private static final Pattern SEED = Pattern.compile("akka://dynakv@[^\\s:/@]+:[0-9]{1,5}");
  private static final int MAX_SUGGESTION_DISTANCE = 3;
  private static final long OBJECT_FRAME_MARGIN = 1024 * 1024;
  private static final Pattern LIST_ELEMENT = Pattern.compile("(.+)\\.[0-9]+");
  /** Any string: the check is only that the value is one (a path, a password). */
  private static final Pattern ANY = Pattern.compile("(?s).*");

  private final Map<String, ConfigCheck> checks;

  private ConfigValidation(Map<String, ConfigCheck> checks) {
    this.checks = Map.copyOf(checks);
  }

  /** The checks of every setting the node module reads (and the Akka ones an operator sets). */
  public static ConfigValidation forNode() {
    Map<String, ConfigCheck> c = new LinkedHashMap<>();
    c.put("dynakv.node.id", matching(NODE_ID, "must be 1 to 64 of the characters A-Z a-z 0-9 _ . -"));
    c.put("dynakv.node.data-dir", nonEmptyString());
    c.put("dynakv.http.host", nonEmptyString());
    c.put("dynakv.http.port", port(1));
    c.put(
        "dynakv.http.advertised-url",
        matching(
            Pattern.compile("https?://[^\\s/]+(/\\S*)?"),
            "must be a base URL like \"http://10.0.0.11:8081\""));
    c.put("dynakv.http.tls.enabled", bool());
    c.put("dynakv.http.tls.key-store", matching(ANY, "must be a path"));
    c.put("dynakv.http.tls.key-store-password", matching(ANY, "must be a string"));
    c.put("dynakv.security.http.auth", bool());
    c.put("dynakv.security.http.tokens-file", matching(ANY, "must be a path"));
    c.put("dynakv.security.http.open-metrics", bool());
    c.put("dynakv.cluster.rejoin-seed-timeout", positiveDuration());
    c.put(
        "dynakv.cluster.admitted-nodes",
        everyElementMatching(NODE_ID, "must be a list of node ids like [\"node-1\", \"node-2\"]"));
    c.put("dynakv.ring.partitions", powerOfTwo(Partitioning.MAX_PARTITIONS));
    c.put("dynakv.ring.target-n", intBetween(1, BucketProps.MAX_N));
    c.put("dynakv.ring.claim-settle", positiveDuration());
    c.put("dynakv.ring.gossip-interval", positiveDuration());
    c.put("dynakv.handoff.interval", positiveDuration());
    c.put("dynakv.handoff.batch-size", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.handoff.max-objects-per-second", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.handoff.max-concurrent-transfers", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.handoff.max-hinted-bytes", positiveBytes());
    c.put("dynakv.handoff.ack-timeout", positiveDuration());
    c.put("dynakv.admission.enabled", bool());
    c.put("dynakv.admission.window", positiveDuration());
    c.put("dynakv.admission.p99-threshold", positiveDuration());
    c.put("dynakv.admission.min-share", share());
    c.put("dynakv.admission.increase-step", share());
    c.put("dynakv.admission.min-samples", atLeast(0));
    c.put("dynakv.tombstones.reap", bool());
    c.put("dynakv.tombstones.interval", positiveDuration());
    c.put("dynakv.tombstones.grace", positiveDuration());
    c.put("dynakv.tombstones.max-keys-per-round", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.testing.unsafe-persist-delay", nonNegativeDuration());
    c.put("dynakv.defaults.n", intBetween(1, BucketProps.MAX_N));
    c.put("dynakv.defaults.r", intBetween(1, BucketProps.MAX_N).and(intAtMost("dynakv.defaults.n")));
    c.put("dynakv.defaults.w", intBetween(1, BucketProps.MAX_N).and(intAtMost("dynakv.defaults.n")));
    c.put("dynakv.defaults.allow-siblings", bool());
    c.put("dynakv.anti-entropy.enabled", bool());
    c.put("dynakv.anti-entropy.interval", positiveDuration());
    c.put("dynakv.anti-entropy.concurrency", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.anti-entropy.max-keys-per-exchange", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.anti-entropy.step-timeout", positiveDuration());
    c.put(
        "dynakv.request.timeout",
        positiveDuration().and(durationAtMost("dynakv.request.max-timeout")));
    c.put("dynakv.request.max-timeout", positiveDuration());
    c.put("dynakv.request.read-repair-wait", nonNegativeDuration());
    c.put("dynakv.limits.max-bucket-length", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.limits.max-key-bytes", bytesUpTo(Integer.MAX_VALUE));
    c.put("dynakv.limits.max-value-bytes", bytesUpTo(Integer.MAX_VALUE));
    // A key's whole object crosses remoting in one message; the margin leaves room for the
    // versions a concurrent write on another coordinator adds in a merge.
    c.put(
        "dynakv.limits.max-object-bytes",
        positiveBytes()
            .and(bytesAtLeast("dynakv.limits.max-value-bytes"))
            .and(bytesBelow("akka.remote.artery.advanced.maximum-frame-size", OBJECT_FRAME_MARGIN)));
    c.put("dynakv.limits.max-concurrent-requests-per-client", intBetween(1, Integer.MAX_VALUE));
    c.put("dynakv.storage.sync", oneOf("batch", "periodic", "none"));
    c.put("dynakv.storage.sync-interval", positiveDuration());
    c.put("dynakv.storage.cache-size", positiveBytes());
    c.put("dynakv.storage.write-buffer-size", positiveBytes());
    c.put("dynakv.security.tls.enabled", bool());
    c.put("dynakv.security.tls.key-store", TlsChecks.keyStore());
    c.put("dynakv.security.tls.key-store-password-file", TlsChecks.passwordFile());
    c.put("dynakv.security.tls.trust-store", TlsChecks.trustStore());
    c.put("dynakv.security.tls.trust-store-password-file", TlsChecks.passwordFile());
    c.put(
        "dynakv.security.tls.protocol",
        matching(Pattern.compile("TLSv1\\.[23]"), "must be TLSv1.3 or TLSv1.2"));
    // Akka reads these lazily and fails with a stack trace; an operator sets them per host.
    c.put("akka.remote.artery.canonical.hostname", nonEmptyString());
    c.put("akka.remote.artery.canonical.port", port(0));
    c.put(
        "akka.cluster.seed-nodes",
        everyElementMatching(SEED, "must be a list of addresses like \"akka://dynakv@host:2551\""));
    return new ConfigValidation(c);
  }

  /** These checks and one more (for a setting another module reads). */
  public ConfigValidation with(String path, ConfigCheck check) {
    Map<String, ConfigCheck> more = new LinkedHashMap<>(checks);
    more.put(path, check);
    return new ConfigValidation(more);
  }

  /** The paths that have a check. */
  public Set<String> checkedPaths() {
    return checks.keySet();
  }

  /**
   * Every problem of {@code config}, one line each, in key order: keys under {@code dynakv.}
   * that {@code defaults} lacks, and values that break their check.
   */
  public List<String> problems(Config config, Config defaults) {
    List<String> problems = new ArrayList<>(unknownKeys(config, defaults));
    for (String path : new TreeSet<>(checks.keySet())) {
      if (config.hasPath(path)) {
        checks
            .get(path)
            .violation(config, path)
            .ifPresent(reason -> problems.add(path + " = " + shown(config, path) + set(config, path) + ": " + reason));
      }
    }
    return problems;
  }

  /** Throws an {@link IllegalArgumentException} with every problem on one line, if any. */
  public void requireValid(Config config, Config defaults) {
    List<String> problems = problems(config, defaults);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static List<String> unknownKeys(Config config, Config defaults) {
    if (!config.hasPath(ROOT)) {
      return List.of();
    }
    Config given;
    try {
      given = config.getConfig(ROOT);
    } catch (ConfigException.WrongType e) {
      return List.of(ROOT + set(config, ROOT) + ": must be an object (dynakv { ... })");
    }
    Set<String> known = new TreeSet<>();
    defaults.getConfig(ROOT).entrySet().forEach(e -> known.add(ROOT + "." + e.getKey()));
    List<String> problems = new ArrayList<>();
    for (String key : leafPaths(given)) {
      String path = ROOT + "." + key;
      if (known.contains(path) || isListElement(path, known)) {
        continue;
      }
      if (defaults.hasPath(path)) {
        // A section replaced by a single value: dynakv.ring = 5.
        problems.add(path + set(config, path) + ": must be an object (" + path + " { ... })");
        continue;
      }
      problems.add("unknown key " + path + set(config, path) + suggestion(path, known));
    }
    return problems;
  }

  /**
   * {@code dynakv.cluster.admitted-nodes.0}: a list given element by element as system
   * properties (-D...admitted-nodes.0=node-1), which the config library reads as that list.
   */
  private static boolean isListElement(String path, Set<String> known) {
    Matcher m = LIST_ELEMENT.matcher(path);
    return m.matches() && known.contains(m.group(1));
  }

  private static Set<String> leafPaths(Config config) {
    Set<String> paths = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      paths.add(e.getKey());
    }
    return paths;
  }

  /** The known key nearest in spelling, when it is near enough to be what was meant. */
  private static String suggestion(String path, Set<String> known) {
    LevenshteinDistance distance = new LevenshteinDistance(MAX_SUGGESTION_DISTANCE);
    Optional<String> nearest =
        known.stream()
            .filter(k -> distance.apply(path, k) >= 0)
            .min(Comparator.comparingInt((String k) -> distance.apply(path, k)).thenComparing(k -> k));
    return nearest.map(k -> " (did you mean " + k + "?)").orElse("");
  }

  private static String shown(Config config, String path) {
    String rendered = config.getValue(path).render(ConfigRenderOptions.concise());
    return rendered.length() > 80 ? rendered.substring(0, 77) + "..." : rendered;
  }

  /** Where a value came from: ", set in /etc/dynakv/dynakv.conf: 12" or ", set in system properties". */
  private static String set(Config config, String path) {
    ConfigOrigin origin = config.getValue(path).origin();
    String where =
        origin.filename() != null && origin.lineNumber() > 0
            ? origin.filename() + ": " + origin.lineNumber()
            : origin.description();
    return where == null || where.isBlank() ? "" : ", set in " + where;
  }
}
