package io.dynakv.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations as people type them: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a
 * bare number is seconds. (The same forms as dynakv-bench's; the CLI does not depend on it.)
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    Matcher matcher = AMOUNT_AND_UNIT.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write e.g. 30s, 500ms, 2m or 1h");
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
    Duration duration = Duration.ofMillis(Math.round(millis));
    if (duration.isZero()) {
      throw new CommandLine.TypeConversionException("'" + value + "' must be more than 0");
    }
    return duration;
  }
}
