package io.dynakv.node.storage;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops journal rows a snapshot has made redundant. It keeps the previous snapshot and the
 * events after it, so a snapshot that cannot be read still leaves a complete history: when
 * snapshot S2 lands after S1, events up to S1 and snapshots before S1 are deleted. Runs on the
 * blocking dispatcher (plain JDBC).
 */
public final class JournalCompactor {

  private static final Logger log = LoggerFactory.getLogger(JournalCompactor.class);

  private JournalCompactor() {}

  public interface Command {}

  /** A replica stored a snapshot at this sequence number. */
  public record SnapshotTaken(String persistenceId, long sequenceNr) implements Command {}

  /** A retired replica's rows up to its last sequence number are garbage. */
  public record Purge(String persistenceId, long upTo) implements Command {}

  public static Behavior<Command> create(JournalDatabase database) {
    Map<String, Long> previousSnapshot = new HashMap<>();
    return Behaviors.receive(Command.class)
        .onMessage(
            SnapshotTaken.class,
            taken -> {
              Long previous = previousSnapshot.put(taken.persistenceId(), taken.sequenceNr());
              if (previous != null) {
                delete(database, taken.persistenceId(), previous, previous - 1);
              }
              return Behaviors.same();
            })
        .onMessage(
            Purge.class,
            purge -> {
              previousSnapshot.remove(purge.persistenceId());
              delete(database, purge.persistenceId(), purge.upTo(), purge.upTo());
              return Behaviors.same();
            })
        .build();
  }

  private static void delete(
      JournalDatabase database, String persistenceId, long eventsUpTo, long snapshotsUpTo) {
    try (Connection c = database.connect();
        PreparedStatement events =
            c.prepareStatement(
                "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" <= ?");
        PreparedStatement snapshots =
            c.prepareStatement(
                "DELETE FROM \"snapshot\" WHERE \"persistence_id\" = ? AND \"sequence_number\" <= ?")) {
      events.setString(1, persistenceId);
      events.setLong(2, eventsUpTo);
      int deleted = events.executeUpdate();
      snapshots.setString(1, persistenceId);
      snapshots.setLong(2, snapshotsUpTo);
      snapshots.executeUpdate();
      log.debug("compacted {}: {} events up to {}", persistenceId, deleted, eventsUpTo);
    } catch (SQLException e) {
      // Harmless: the rows stay, recovery still starts from the newest snapshot.
      log.warn("journal compaction of {} failed: {}", persistenceId, e.getMessage());
    }
  }
}
