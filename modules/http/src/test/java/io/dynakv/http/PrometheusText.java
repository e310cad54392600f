package io.dynakv.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus's text exposition format 0.0.4, for tests: every line must be a
 * HELP, TYPE or comment line or a sample; names, labels, escapes and values must be valid; a
 * family's TYPE comes before its samples, which are contiguous; no series repeats; and every
 * histogram series has cumulative buckets ending in {@code le="+Inf"} equal to its {@code
 * _count}, and a {@code _sum}. Anything else fails with the line number.
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value, Long timestamp) {

    public String label(String name) {
      return labels.get(name);
    }

    /** The labels without {@code le} or {@code quantile}: which series of a family it belongs to. */
    Map<String, String> seriesLabels() {
      Map<String, String> rest = new TreeMap<>(labels);
      rest.remove("le");
      rest.remove("quantile");
      return rest;
    }
  }

  /** A metric family: its TYPE ("untyped" when none was given), its HELP, its samples in order. */
  public record Family(String name, String type, String help, List<Sample> samples) {

    /** The samples named {@code sampleName} (e.g. {@code x_count}) whose labels include {@code labels}. */
    public List<Sample> samples(String sampleName, Map<String, String> labels) {
      return samples.stream()
          .filter(s -> s.name().equals(sampleName))
          .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
          .toList();
    }

    /** The sum of the values of {@link #samples(String, Map)}. */
    public double sum(String sampleName, Map<String, String> labels) {
      return samples(sampleName, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The one sample named like the family with exactly these labels besides the common ones. */
    public double value(Map<String, String> labels) {
      List<Sample> found = samples(name, labels);
      if (found.size() != 1) {
        throw new AssertionError(name + labels + ": " + found.size() + " samples, not 1");
      }
      return found.get(0).value();
    }

    /** The values a label takes across the family's samples. */
    public Set<String> labelValues(String label) {
      Set<String> values = new HashSet<>();
      samples.forEach(s -> {
        if (s.labels().containsKey(label)) {
          values.add(s.labels().get(label));
        }
      });
      return values;
    }

    public boolean allSamples(Predicate<Sample> p) {
      return samples.stream().allMatch(p);
    }
  }

  /** The parse of a whole exposition, families by name. */
  public record Exposition(Map<String, Family> families) {

    public Family family(String name) {
      Family f = families.get(name);
      if (f == null) {
        throw new AssertionError("no metric family " + name + "; families: " + families.keySet());
      }
      return f;
    }

    public boolean has(String name) {
      return families.containsKey(name);
    }
  }

  /** Thrown for anything the format does not allow. */
  public static final class FormatException extends RuntimeException {
    FormatException(int line, String message) {
      super("line " + line + ": " + message);
    }

    FormatException(String message) {
      super(message);
    }
  }

  private final Map<String, String> types = new HashMap<>();
  private final Map<String, String> helps = new HashMap<>();
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private final Set<String> closed = new HashSet<>();
  private final Set<String> seriesSeen = new HashSet<>();
  private String current;
  private int lineNo;

  private PrometheusText() {}

  public static Exposition parse(String text) {
    return new PrometheusText().run(text);
  }

  private Exposition run(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new FormatException(text.split("\n", -1).length, "the exposition must end with a line feed");
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      lineNo = i + 1;
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        comment(line);
      } else {
        sample(line);
      }
    }
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> names = new HashSet<>(samples.keySet());
    names.addAll(types.keySet());
    for (String name : names) {
      List<Sample> list = samples.getOrDefault(name, List.of());
      String type = types.getOrDefault(name, "untyped");
      families.put(name, new Family(name, type, helps.get(name), List.copyOf(list)));
      if (type.equals("histogram")) {
        checkHistogram(name, list);
      }
    }
    return new Exposition(families);
  }

  private void comment(String line) {
    String[] tokens = line.substring(1).trim().split("[ \t]+", 3);
    if (tokens.length < 2 || !(tokens[0].equals("HELP") || tokens[0].equals("TYPE"))) {
      return; // an ordinary comment
    }
    String name = tokens[1];
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new FormatException(lineNo, "bad metric name in " + tokens[0] + ": " + name);
    }
    if (tokens[0].equals("HELP")) {
      if (helps.containsKey(name)) {
        throw new FormatException(lineNo, "second HELP for " + name);
      }
      helps.put(name, unescapeHelp(tokens.length > 2 ? tokens[2] : ""));
      return;
    }
    String type = tokens.length > 2 ? tokens[2].trim() : "";
    if (!TYPES.contains(type)) {
      throw new FormatException(lineNo, "unknown type '" + type + "' for " + name);
    }
    if (types.containsKey(name)) {
      throw new FormatException(lineNo, "second TYPE for " + name);
    }
    if (samples.containsKey(name)) {
      throw new FormatException(lineNo, "TYPE for " + name + " after its samples");
    }
    types.put(name, type);
  }

  private void sample(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && isNameChar(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new FormatException(lineNo, "bad metric name: " + line);
    }
    Map<String, String> labels = new TreeMap<>();
    if (i < n && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).trim().split("[ \t]+");
    if (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
      throw new FormatException(lineNo, "no space before the value: " + line);
    }
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      throw new FormatException(lineNo, "expected a value and an optional timestamp: " + line);
    }
    double value = value(rest[0]);
    Long timestamp = null;
    if (rest.length == 2) {
      try {
        timestamp = Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw new FormatException(lineNo, "bad timestamp: " + rest[1]);
      }
    }
    String family = familyOf(name, labels);
    if (!family.equals(current)) {
      if (closed.contains(family)) {
        throw new FormatException(lineNo, "samples of " + family + " are not contiguous");
      }
      if (current != null) {
        closed.add(current);
      }
      current = family;
    }
    if (!seriesSeen.add(name + labels)) {
      throw new FormatException(lineNo, "repeated series " + name + labels);
    }
    samples.computeIfAbsent(family, k -> new ArrayList<>()).add(new Sample(name, Map.copyOf(labels), value, timestamp));
  }

  /** Parses labels from just after '{' to just after '}'; returns the index after '}'. */
  private int labels(String line, int i, Map<String, String> labels) {
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '}') {
        return i + 1;
      }
      int start = i;
      while (i < n && line.charAt(i) != '=') {
        i++;
      }
      String label = line.substring(start, i).trim();
      if (i >= n || !LABEL_NAME.matcher(label).matches()) {
        throw new FormatException(lineNo, "bad label name '" + label + "': " + line);
      }
      if (label.startsWith("__")) {
        throw new FormatException(lineNo, "reserved label name " + label);
      }
      i++;
      if (i >= n || line.charAt(i) != '"') {
        throw new FormatException(lineNo, "label value of " + label + " is not quoted: " + line);
      }
      i++;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (i >= n) {
          throw new FormatException(lineNo, "unterminated label value: " + line);
        }
        char c = line.charAt(i);
        if (c == '"') {
          i++;
          break;
        }
        if (c == '\\') {
          if (i + 1 >= n) {
            throw new FormatException(lineNo, "dangling escape: " + line);
          }
          char e = line.charAt(i + 1);
          switch (e) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new FormatException(lineNo, "bad escape \\" + e + " in a label value");
          }
          i += 2;
        } else {
          value.append(c);
          i++;
        }
      }
      if (labels.put(label, value.toString()) != null) {
        throw new FormatException(lineNo, "label " + label + " twice: " + line);
      }
      if (i < n && line.charAt(i) == ',') {
        i++;
      } else if (i >= n || line.charAt(i) != '}') {
        throw new FormatException(lineNo, "expected ',' or '}' after a label: " + line);
      }
    }
  }

  private double value(String s) {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
          throw new FormatException(lineNo, "bad value: " + s);
        }
        return Double.parseDouble(s);
    }
  }

  /** The family a sample belongs to, by its TYPE and the suffixes of its type. */
  private String familyOf(String name, Map<String, String> labels) {
    if (types.containsKey(name)) {
      String type = types.get(name);
      if (type.equals("histogram")) {
        throw new FormatException(lineNo, "histogram " + name + " has a sample without a suffix");
      }
      if (type.equals("summary") && !labels.containsKey("quantile")) {
        throw new FormatException(lineNo, "summary sample " + name + " without a quantile");
      }
      return name;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
          if (suffix.equals("_bucket") && !labels.containsKey("le")) {
            throw new FormatException(lineNo, "bucket of " + base + " without le");
          }
          return base;
        }
      }
    }
    return name;
  }

  private void checkHistogram(String name, List<Sample> list) {
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new HashMap<>();
    Set<Map<String, String>> sums = new HashSet<>();
    for (Sample s : list) {
      if (s.name().equals(name + "_bucket")) {
        buckets.computeIfAbsent(s.seriesLabels(), k -> new ArrayList<>()).add(s);
      } else if (s.name().equals(name + "_count")) {
        counts.put(s.seriesLabels(), s.value());
      } else if (s.name().equals(name + "_sum")) {
        sums.add(s.seriesLabels());
      }
    }
    if (!buckets.keySet().equals(counts.keySet()) || !counts.keySet().equals(sums)) {
      throw new FormatException("histogram " + name + ": series with buckets, _count and _sum differ");
    }
    buckets.forEach(
        (series, bs) -> {
          double previousLe = Double.NEGATIVE_INFINITY;
          double previousCount = 0;
          for (Sample b : bs) {
            double le = value(b.label("le"));
            if (!(le > previousLe)) {
              throw new FormatException("histogram " + name + series + ": le not increasing at " + b.label("le"));
            }
            if (b.value() < previousCount) {
              throw new FormatException("histogram " + name + series + ": buckets not cumulative at le=" + b.label("le"));
            }
            previousLe = le;
            previousCount = b.value();
          }
          if (previousLe != Double.POSITIVE_INFINITY) {
            throw new FormatException("histogram " + name + series + ": no le=\"+Inf\" bucket");
          }
          if (previousCount != counts.get(series)) {
            throw new FormatException("histogram " + name + series + ": +Inf bucket " + previousCount
                + " != _count " + counts.get(series));
          }
        });
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == ':';
  }

  private static String unescapeHelp(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        if (e == '\\') {
          out.append('\\');
          i++;
          continue;
        }
        if (e == 'n') {
          out.append('\n');
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
