package io.dynakv.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensFileTest {

  private static final String READ_TOKEN = "r-2f1c4c0e9b8a7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c";
  private static final String ADMIN_TOKEN = "a-9f8e7d6c5b4a39281706f5e4d3c2b1a02f1c4c0e9b8a7d6c";

  static String file(String... entries) {
    return "{\"tokens\": [" + String.join(",", entries) + "]}";
  }

  static String entry(String name, String role, String token) {
    return "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"sha256\": \""
        + TokenStore.sha256Hex(token) + "\"}";
  }

  private static TokenStore parse(String content) {
    return TokensFile.parse(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsNamesRolesAndHashes() {
    TokenStore store = parse(file(entry("dash", "read", READ_TOKEN), entry("ops", "admin", ADMIN_TOKEN)));

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.authenticate(READ_TOKEN)).contains(new Principal("dash", Role.READ));
    assertThat(store.authenticate(ADMIN_TOKEN)).contains(new Principal("ops", Role.ADMIN));
    assertThat(store.authenticate("something else")).isEmpty();
    assertThat(store.authenticate(TokenStore.sha256Hex(READ_TOKEN)))
        .as("the hash itself is no token")
        .isEmpty();
  }

  @Test
  void theHashIsTheSha256HexOfTheUtf8Token() {
    // echo -n abc | sha256sum
    assertThat(TokenStore.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void refusesFilesThatWouldLeaveTheApiUnusableOrAmbiguous() {
    assertThatThrownBy(() -> parse("{\"tokens\": []}")).hasMessageContaining("no tokens");
    assertThatThrownBy(() -> parse("{\"read\": \"x\"}")).hasMessageContaining("{\"tokens\"");
    assertThatThrownBy(() -> parse(file(entry("a", "root", READ_TOKEN))))
        .hasMessageContaining("token \"a\"")
        .hasMessageContaining("read, write or admin");
    assertThatThrownBy(() -> parse(file("{\"name\": \"a\", \"role\": \"read\", \"sha256\": \"ABC\"}")))
        .hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> parse(file("{\"role\": \"read\", \"sha256\": \"ab\"}")))
        .hasMessageContaining("tokens[0] needs \"name\"");
    assertThatThrownBy(() -> parse(file(entry("a", "read", READ_TOKEN), entry("a", "admin", ADMIN_TOKEN))))
        .hasMessageContaining("\"a\" is used twice");
    assertThatThrownBy(() -> parse(file(entry("a", "read", READ_TOKEN), entry("b", "admin", READ_TOKEN))))
        .hasMessageContaining("same sha256");
  }

  @Test
  void aBrokenFileIsNamedWithoutQuotingItsContent() {
    assertThatThrownBy(() -> parse("{\"tokens\": [" + READ_TOKEN))
        .hasMessageStartingWith("not JSON")
        .hasMessageNotContaining(READ_TOKEN.substring(2, 12));
  }

  @Test
  void aMissingFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> TokensFile.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot be read")
        .hasMessageNotContaining("\n");

    Path good = dir.resolve("tokens.json");
    Files.writeString(good, file(entry("dash", "read", READ_TOKEN)));
    assertThat(TokensFile.read(good).authenticate(READ_TOKEN)).isPresent();
  }
}
