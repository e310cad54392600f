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
