package io.dynakv.node.storage;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's journal database as configured for akka-persistence-jdbc (the shared "slick"
 * database): opens plain JDBC connections to it, and creates its tables at start.
 */
public final class JournalDatabase {

  private final String url;
  private final String user;
  private final String password;
  private final String dialect;

  private JournalDatabase(String url, String user, String password, String dialect) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.dialect = dialect;
  }

  public static JournalDatabase fromConfig(Config config) {
    Config db = config.getConfig("akka-persistence-jdbc.shared-databases.slick.db");
    String url = db.getString("url");
    String dialect = url.startsWith("jdbc:postgresql:") ? "postgres" : "h2";
    return new JournalDatabase(url, db.getString("user"), db.getString("password"), dialect);
  }

  public String url() {
    return url;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** Creates the journal tables if they are missing. Blocking; call once before the actors start. */
  public void createSchema() {
    String script = resource("/schema/" + dialect + ".sql");
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String sql : script.split(";")) {
        String stripped = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
        if (!stripped.isEmpty()) {
          st.execute(stripped);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the journal schema at " + url + ": " + e.getMessage(), e);
    }
  }

  // One statement text for H2 and PostgreSQL alike (quoted lower-case names mean the same
  // table in both), so the check behaves the same on either journal.
  private static final String CREATE_OWNER_TABLE =
      "CREATE TABLE IF NOT EXISTS \"dynakv_node\" (\"id\" INTEGER NOT NULL PRIMARY KEY,"
          + " \"node_id\" VARCHAR(255) NOT NULL)";
  private static final String SELECT_OWNER = "SELECT \"node_id\" FROM \"dynakv_node\" WHERE \"id\" = 1";
  private static final String INSERT_OWNER =
      "INSERT INTO \"dynakv_node\" (\"id\", \"node_id\") VALUES (1, ?)";

  /**
   * Makes sure this journal is {@code nodeId}'s: the first start records the id in it, every
   * later start checks it. A journal is one node's replicas under that node's name; another
   * node starting on it (a copied data dir, several nodes given one database) would serve
   * and hand off those replicas as its own. Blocking; call once before the actors start.
   *
   * @throws IllegalStateException naming both ids and the database when the journal belongs
   *     to another node
   */
  public void claimFor(String nodeId) {
    String owner;
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(CREATE_OWNER_TABLE);
      owner = owner(c);
      if (owner == null) {
        try (PreparedStatement insert = c.prepareStatement(INSERT_OWNER)) {
          insert.setString(1, nodeId);
          insert.executeUpdate();
        } catch (SQLException raced) {
          // Another node recorded its id between our read and this insert: that id stands.
        }
        owner = owner(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the node id recorded in the journal at " + url + ": " + e.getMessage(), e);
    }
    if (!nodeId.equals(owner)) {
      throw new IllegalStateException(
          "the journal at " + url + " belongs to node " + owner + ", not to node " + nodeId
              + ": every node needs its own journal database");
    }
  }

  private static String owner(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(SELECT_OWNER)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * Persistence ids with rows in the journal or the snapshot store that start with
   * {@code prefix} — how a node finds the fallback replicas (hints) it held before a restart.
   */
  public List<String> persistenceIds(String prefix) {
    String like = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    List<String> ids = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT DISTINCT \"persistence_id\" FROM \"event_journal\" WHERE \"persistence_id\" LIKE ? ESCAPE '!'"
                    + " UNION SELECT DISTINCT \"persistence_id\" FROM \"snapshot\" WHERE \"persistence_id\" LIKE ? ESCAPE '!'")) {
      st.setString(1, like);
      st.setString(2, like);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list persistence ids at " + url + ": " + e.getMessage(), e);
    }
    return ids;
  }

  private static String resource(String path) {
    try (InputStream in = JournalDatabase.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
