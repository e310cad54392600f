package io.dynakv.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations the way people type them on a command line: {@code 60s}, {@code 500ms},
 * {@code 2m}, {@code 1h}; a bare number is seconds. ISO-8601 ({@code PT1M}) is accepted too.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** @throws IllegalArgumentException for anything else, naming the accepted forms */
  public static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("pt")) {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    }
    Matcher matcher = AMOUNT_AND_UNIT.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 60s, 500ms, 2m or 1h");
    }
    double amount = Double.parseDouble(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    double millis;
    switch (unit) {
      case "ms":
        millis = amount;
        break;
      case "m":
        millis = amount * 60_000;
        break;
      case "h":
        millis = amount * 3_600_000;
        break;
      default:
        millis = amount * 1000;
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
