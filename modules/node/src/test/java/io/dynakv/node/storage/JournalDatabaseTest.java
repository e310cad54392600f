package io.dynakv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.node.TestNodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node id a journal records on its first start, over the real H2 file. */
class JournalDatabaseTest {

  @TempDir Path dataDir;

  private JournalDatabase open() {
    JournalDatabase db = JournalDatabase.fromConfig(TestNodes.config(dataDir, null));
    db.createSchema();
    return db;
  }

  @Test
  void theFirstNodeToStartOwnsTheJournalAndAnotherIdIsRefusedWithBothIdsAndTheUrl() {
    JournalDatabase db = open();
    db.claimFor("node-1");
    open().claimFor("node-1"); // a restart of the same node

    assertThatThrownBy(() -> open().claimFor("node-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the journal at " + db.url() + " belongs to node node-1, not to node node-2:"
                + " every node needs its own journal database");
    open().claimFor("node-1"); // the refusal recorded nothing
  }
}
