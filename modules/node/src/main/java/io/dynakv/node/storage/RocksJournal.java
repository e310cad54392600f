package io.dynakv.node.storage;

import akka.dispatch.Futures;
import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.journal.japi.AsyncWriteJournal;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

/**
 * dynakv's Akka Persistence journal, on the node's RocksDB ({@link NodeStore}). Each call's
 * events go into one atomic write batch with their persistence ids' highest sequence numbers:
 * {@link Materialized} events (a replica's objects) as their effect on the store, any other as
 * the serialised event, replayed as usual. The call completes when the batch is durable as
 * {@code dynakv.storage.sync} says (group commit in batch mode), so a persistent actor's
 * {@code thenReply} runs only after that.
 */
public final class RocksJournal extends AsyncWriteJournal {

  private final NodeStore store = NodeStorage.get(context().system());
  private final Serialization serialization = SerializationExtension.get(context().system());
  private final ExecutionContext reads = context().dispatcher();

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    NodeStore.Writes writes = store.newWrites();
    List<Optional<Exception>> results = new ArrayList<>();
    for (AtomicWrite write : messages) {
      writes.setSavePoint();
      try {
        for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
          Object payload = repr.payload();
          if (payload instanceof Materialized materialized) {
            materialized.materialize(write.persistenceId(), writes);
          } else {
            writes.putEvent(write.persistenceId(), repr.sequenceNr(), serialization.serialize(repr).get());
          }
        }
        writes.putRecord(JournalRecords.highest(write.persistenceId()), NodeStore.longBytes(write.highestSequenceNr()));
        results.add(Optional.empty());
      } catch (Exception e) {
        // Rejected (the event cannot be serialised or applied): nothing of it is written.
        writes.rollbackToSavePoint();
        results.add(Optional.of(e));
      }
    }
    Iterable<Optional<Exception>> answer = results;
    return FutureConverters.asScala(store.commit(writes).thenApply(done -> answer));
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return Futures.future(
        () -> {
          store.deleteEvents(persistenceId, toSequenceNr);
          return null;
        },
        reads);
  }

  @Override
  public Future<Void> doAsyncReplayMessages(
      String persistenceId, long fromSequenceNr, long toSequenceNr, long max, Consumer<PersistentRepr> replay) {
    return Futures.future(
        () -> {
          store.events(
              persistenceId,
              fromSequenceNr,
              toSequenceNr,
              max,
              bytes -> replay.accept(serialization.deserialize(bytes, PersistentRepr.class).get()));
          return null;
        },
        reads);
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return Futures.future(
        () -> store.longRecord(JournalRecords.highest(persistenceId), 0L),
        reads);
  }
}
