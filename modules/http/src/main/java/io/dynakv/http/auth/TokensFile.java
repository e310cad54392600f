package io.dynakv.http.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tokens file ({@code dynakv.security.http.tokens-file}):
 * <pre>{"tokens": [{"name": "app-1", "role": "write", "sha256": "&lt;64 lower-case hex&gt;"}]}</pre>
 * {@code sha256} is the SHA-256 of the token's UTF-8 bytes; the tokens themselves are never
 * in it. Every problem is an {@link IllegalArgumentException} with one line naming the file
 * and the entry, so a node refuses to start with a message an operator can act on.
 */
public final class TokensFile {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@:-]{1,64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private TokensFile() {}

  /** Reads and checks the file; any problem, an unreadable file included, is one line. */
  public static TokenStore read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("tokens file " + file + " cannot be read: " + reason(e));
    }
    try {
      return parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tokens file " + file + ": " + e.getMessage());
    }
  }

  /** The tokens of a file's content. */
  public static TokenStore parse(byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      // Not Jackson's message: it quotes what it could not parse, which may be a token.
      throw new IllegalArgumentException(
          e.getLocation() == null
              ? "not JSON"
              : "not JSON (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + reason(e));
    }
    if (root == null || !root.isObject() || !root.path("tokens").isArray()) {
      throw new IllegalArgumentException(
          "must be {\"tokens\": [{\"name\": ..., \"role\": ..., \"sha256\": ...}]}");
    }
    JsonNode tokens = root.get("tokens");
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("has no tokens: with auth on, nobody could use the API");
    }
    List<TokenStore.Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      JsonNode token = tokens.get(i);
      String where = "tokens[" + i + "]";
      if (!token.isObject()) {
        throw new IllegalArgumentException(where + " must be an object");
      }
      String name = text(token, "name", where);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            where + ".name must be 1 to 64 of A-Z a-z 0-9 _ . @ : -");
      }
      where = "token \"" + name + "\"";
      Role role;
      try {
        role = Role.of(text(token, "role", where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
      String hash = text(token, "sha256", where);
      if (!SHA256_HEX.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            where + ": sha256 must be 64 lower-case hex digits (sha256sum of the token)");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("the name \"" + name + "\" is used twice");
      }
      if (!hashes.add(hash)) {
        throw new IllegalArgumentException(where + " has the same sha256 as an earlier token");
      }
      entries.add(new TokenStore.Entry(name, role, HexFormat.of().parseHex(hash)));
    }
    return new TokenStore(entries);
  }

  private static String text(JsonNode token, String field, String where) {
    JsonNode value = token.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(where + " needs \"" + field + "\" (a string)");
    }
    return value.asText();
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
