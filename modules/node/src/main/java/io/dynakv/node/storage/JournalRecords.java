package io.dynakv.node.storage;

/** Names of the small records a node's store keeps beside the journal. */
public final class JournalRecords {

  private JournalRecords() {}

  /** The highest sequence number written for a persistence id (kept when events are not). */
  public static String highest(String persistenceId) {
    return "highest|" + persistenceId;
  }

  /** A persistent actor's own small record, e.g. a replica's writer base. */
  public static String of(String persistenceId, String name) {
    return name + "|" + persistenceId;
  }
}
