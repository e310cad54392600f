package io.dynakv.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A node's base URL: {@code http://host:port}, without a path (a trailing slash is dropped).
 * {@code host:port} alone is taken as http.
 */
public final class NodeUrlConverter implements CommandLine.ITypeConverter<URI> {

  @Override
  public URI convert(String value) {
    return parse(value);
  }

  static URI parse(String value) {
    String text = value.strip();
    if (!text.contains("://")) {
      text = "http://" + text;
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(value, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(value, "only http and https are supported");
    }
    if (uri.getHost() == null) {
      throw invalid(value, "no host");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid(value, "give the node's base URL only, e.g. http://127.0.0.1:8081");
    }
    return uri;
  }

  private static CommandLine.TypeConversionException invalid(String value, String why) {
    return new CommandLine.TypeConversionException("'" + value + "' is not a node URL: " + why);
  }
}
