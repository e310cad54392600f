package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The versions of a key as the CLI shows them. The node answers one version as its bytes and
 * several (a 300) as {@code {"siblings":[{"value":<base64>,"contentType":...,"lastModified":
 * ...} or {"deleted":true,"lastModified":...}]}}; the CLI's JSON always lists siblings, one
 * for a single value, each with its base64 {@code value} and, when the content type is
 * textual and the bytes are UTF-8, its {@code text}.
 */
final class Siblings {

  private Siblings() {}

  /** A single value (a 200) as a one-sibling array. */
  static ArrayNode single(byte[] value, String contentType) {
    ArrayNode siblings = Json.MAPPER.createArrayNode();
    siblings.add(sibling(value, contentType, null));
    return siblings;
  }

  /** The node's sibling list (a 300 body), with {@code text} added where it applies. */
  static ArrayNode of(JsonNode body) {
    ArrayNode siblings = Json.MAPPER.createArrayNode();
    for (JsonNode s : body.path("siblings")) {
      if (s.path("deleted").asBoolean()) {
        ObjectNode deleted = siblings.addObject();
        deleted.put("deleted", true);
        deleted.put("lastModified", Json.text(s, "lastModified", null));
        continue;
      }
      byte[] value = Base64.getDecoder().decode(Json.text(s, "value", ""));
      siblings.add(sibling(value, Json.text(s, "contentType", null), Json.text(s, "lastModified", null)));
    }
    return siblings;
  }

  private static ObjectNode sibling(byte[] value, String contentType, String lastModified) {
    ObjectNode sibling = Json.object();
    sibling.put("contentType", contentType);
    if (lastModified != null) {
      sibling.put("lastModified", lastModified);
    }
    sibling.put("value", Base64.getEncoder().encodeToString(value));
    String text = textOf(contentType, value);
    if (text != null) {
      sibling.put("text", text);
    }
    return sibling;
  }

  /** The listing printed for several siblings, the context last. */
  static List<String> describe(ArrayNode siblings, String context) {
    List<String> lines = new ArrayList<>();
    lines.add(siblings.size() + " siblings (concurrent versions); write with the context below to resolve them:");
    int i = 1;
    for (JsonNode s : siblings) {
      String when = Json.text(s, "lastModified", "?");
      if (s.path("deleted").asBoolean()) {
        lines.add("[" + i++ + "] deleted, " + when);
        continue;
      }
      lines.add("[" + i++ + "] " + Json.text(s, "contentType", "?") + ", " + when);
      String text = Json.text(s, "text", null);
      if (text != null) {
        lines.add(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
      } else {
        String base64 = Json.text(s, "value", "");
        int bytes = Base64.getDecoder().decode(base64).length;
        lines.add("(" + bytes + " bytes, base64) " + base64);
      }
    }
    lines.add("context: " + (context == null ? "(none)" : context));
    return lines;
  }

  /** The value as text when its type says text and it decodes as UTF-8; else null. */
  static String textOf(String contentType, byte[] value) {
    if (!isTextual(contentType)) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static boolean isTextual(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return mime.startsWith("text/")
        || mime.endsWith("/json")
        || mime.endsWith("+json")
        || mime.endsWith("/xml")
        || mime.endsWith("+xml")
        || mime.equals("application/x-www-form-urlencoded")
        || type.contains("charset=");
  }
}
