package io.dynakv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.dynakv.node.TestNodes;
import io.dynakv.node.api.DynakvClient;
import io.dynakv.node.api.KvResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same node on PostgreSQL instead of H2: schema created at start, writes acknowledged
 * after the commit, everything back after a restart. Runs where DYNAKV_TEST_PG_URL names a
 * server whose user may create databases (.ci/run sets one up); each run gets a fresh
 * database, dropped afterwards. Also: the node-id check refuses a database another node owns.
 */
@EnabledIfEnvironmentVariable(named = "DYNAKV_TEST_PG_URL", matches = ".+")
class PostgresJournalTest {

  private static final String ADMIN_URL = System.getenv("DYNAKV_TEST_PG_URL");
  private static final String USER = System.getenv().getOrDefault("DYNAKV_TEST_PG_USER", "dynakv");
  private static final String PASSWORD =
      System.getenv().getOrDefault("DYNAKV_TEST_PG_PASSWORD", "dynakv");

  @TempDir Path dataDir;
  private String database;

  @BeforeEach
  void createDatabase() throws Exception {
    database = "dynakv_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
  }

  @AfterEach
  void dropDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private Config config() {
    String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
    return TestNodes.config(
        dataDir,
        "akka-persistence-jdbc.shared-databases.slick {\n"
            + "  profile = \"slick.jdbc.PostgresProfile$\"\n"
            + "  db { url = \"" + url + "\", user = \"" + USER + "\", password = \"" + PASSWORD + "\",\n"
            + "       driver = \"org.postgresql.Driver\" }\n"
            + "}\n"
            + "dynakv.storage.snapshot-min-events = 20\n");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesSurviveARestartOnPostgres() throws Exception {
    TestNodes.Started node = TestNodes.start(config());
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      for (int i = 0; i < 100; i++) {
        // Blind writes: from the second round on each leaves siblings, and says so.
        assertThat(client.put("pg", "k" + (i % 10), null, bytes("v" + i), "text/plain")
                .toCompletableFuture().get(10, TimeUnit.SECONDS))
            .isInstanceOf(i < 10 ? KvResponse.Written.class : KvResponse.WrittenWithSiblings.class);
      }
    } finally {
      node.stop();
    }
    TestNodes.Started again = TestNodes.start(config());
    try {
      DynakvClient client = new DynakvClient(again.handle().kv(), again.system(), Duration.ofSeconds(10));
      for (int k = 0; k < 10; k++) {
        KvResponse r = client.get("pg", "k" + k).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(KvResponse.Found.class);
        // Ten blind writes per key: ten siblings, all kept.
        assertThat(((KvResponse.Found) r).object().values()).hasSize(10);
      }
    } finally {
      again.stop();
    }
  }

  @Test
  void aDatabaseThatBelongsToAnotherNodeIsRefusedOnPostgres() {
    JournalDatabase first = JournalDatabase.fromConfig(config());
    first.createSchema();
    first.claimFor("node-1");
    JournalDatabase again = JournalDatabase.fromConfig(config());
    again.claimFor("node-1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.claimFor("node-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the journal at " + first.url() + " belongs to node node-1, not to node node-2:"
                + " every node needs its own journal database");
  }
}
