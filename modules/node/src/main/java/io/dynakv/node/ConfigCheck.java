package io.dynakv.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One rule a configuration value must follow. {@link #violation} answers why the value at a
 * path breaks the rule ("must be a positive duration such as 10s"), or nothing when it
 * doesn't; a value of the wrong type breaks it too, with the same words. Pure: reads only the
 * {@link Config} it is given.
 */
@FunctionalInterface
public interface ConfigCheck {

  /** Why the value at {@code path} is not acceptable, or empty when it is. */
  Optional<String> violation(Config config, String path);

  /** Reads a value of one type; a {@link ConfigException} means the value is not of that type. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Config config, String path);
  }

  /**
   * The general form: read the value as a T ({@code kind} names what was expected, for
   * values of the wrong type), then test it.
   */
  static <T> ConfigCheck of(String kind, Reader<T> reader, Predicate<T> acceptable, String requirement) {
    return (config, path) -> {
      T value;
      try {
        value = reader.read(config, path);
      } catch (ConfigException e) {
        return Optional.of("must be " + kind);
      }
      return acceptable.test(value) ? Optional.empty() : Optional.of(requirement);
    };
  }

  static ConfigCheck positiveDuration() {
    return of(
        "a positive duration such as 10s",
        Config::getDuration,
        d -> !d.isNegative() && !d.isZero(),
        "must be positive");
  }

  static ConfigCheck nonNegativeDuration() {
    return of("a duration such as 10s", Config::getDuration, d -> !d.isNegative(), "must not be negative");
  }

  static ConfigCheck intBetween(int min, int max) {
    return of(
        "a whole number",
        Config::getInt,
        i -> i >= min && i <= max,
        max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max);
  }

  static ConfigCheck atLeast(long min) {
    return of("a whole number", Config::getLong, i -> i >= min, "must be at least " + min);
  }

  static ConfigCheck powerOfTwo(int max) {
    return of(
        "a whole number",
        Config::getInt,
        i -> i >= 1 && i <= max && Integer.bitCount(i) == 1,
        "must be a power of two between 1 and " + max);
  }

  /** A size in bytes ("64MiB", "1024"), at least 1 and at most {@code max}. */
  static ConfigCheck bytesUpTo(long max) {
    return of(
        "a size such as 64MiB",
        Config::getBytes,
        b -> b >= 1 && b <= max,
        max == Long.MAX_VALUE ? "must be positive" : "must be between 1 byte and " + max + " bytes");
  }

  static ConfigCheck positiveBytes() {
    return bytesUpTo(Long.MAX_VALUE);
  }

  /** A fraction in (0, 1]. */
  static ConfigCheck share() {
    return of("a number", Config::getDouble, d -> d > 0 && d <= 1, "must be greater than 0 and at most 1");
  }

  static ConfigCheck bool() {
    return of("on or off (true or false)", Config::getBoolean, b -> true, "");
  }

  static ConfigCheck port(int min) {
    return of("a port number", Config::getInt, p -> p >= min && p <= 65535, "must be a port in " + min + "..65535");
  }

  static ConfigCheck nonEmptyString() {
    return of("a string", Config::getString, s -> !s.isBlank(), "must not be empty");
  }

  static ConfigCheck matching(Pattern pattern, String requirement) {
    return of("a string", Config::getString, s -> pattern.matcher(s).matches(), requirement);
  }

  /** One of a few words, in any case. */
  static ConfigCheck oneOf(String... words) {
    List<String> allowed = List.of(words);
    return of(
        "a string",
        Config::getString,
        s -> allowed.contains(s.toLowerCase(Locale.ROOT)),
        "must be one of " + String.join(", ", allowed));
  }

  /** Every element of a list of strings matches. */
  static ConfigCheck everyElementMatching(Pattern pattern, String requirement) {
    return of(
        "a list of strings",
        Config::getStringList,
        list -> list.stream().allMatch(s -> pattern.matcher(s).matches()),
        requirement);
  }

  /** A whole number no larger than the one at {@code otherPath} (when that one is a number). */
  static ConfigCheck intAtMost(String otherPath) {
    return (config, path) -> {
      try {
        int other = config.getInt(otherPath);
        return config.getInt(path) <= other
            ? Optional.empty()
            : Optional.of("must not exceed " + otherPath + " (" + other + ")");
      } catch (ConfigException e) {
        return Optional.empty(); // the type of either value is another check's concern
      }
    };
  }

  /** A size at least the one at {@code otherPath} (when that one is a size). */
  static ConfigCheck bytesAtLeast(String otherPath) {
    return (config, path) -> {
      try {
        long other = config.getBytes(otherPath);
        return config.getBytes(path) >= other
            ? Optional.empty()
            : Optional.of("must be at least " + otherPath + " (" + config.getValue(otherPath).unwrapped() + ")");
      } catch (ConfigException e) {
        return Optional.empty();
      }
    };
  }

  /** A size at least {@code margin} bytes below the one at {@code otherPath}. */
  static ConfigCheck bytesBelow(String otherPath, long margin) {
    return (config, path) -> {
      try {
        long other = config.getBytes(otherPath);
        return config.getBytes(path) <= other - margin
            ? Optional.empty()
            : Optional.of(
                "must be at least " + margin + " bytes below " + otherPath + " ("
                    + config.getValue(otherPath).unwrapped() + ")");
      } catch (ConfigException e) {
        return Optional.empty();
      }
    };
  }

  /** A duration no longer than the one at {@code otherPath} (when that one is a duration). */
  static ConfigCheck durationAtMost(String otherPath) {
    return (config, path) -> {
      try {
        Duration other = config.getDuration(otherPath);
        return config.getDuration(path).compareTo(other) <= 0
            ? Optional.empty()
            : Optional.of("must not exceed " + otherPath + " (" + config.getValue(otherPath).unwrapped() + ")");
      } catch (ConfigException e) {
        return Optional.empty();
      }
    };
  }

  /** Both this check and {@code next}: the first violation found. */
  default ConfigCheck and(ConfigCheck next) {
    return (config, path) -> {
      Optional<String> first = violation(config, path);
      return first.isPresent() ? first : next.violation(config, path);
    };
  }
}
