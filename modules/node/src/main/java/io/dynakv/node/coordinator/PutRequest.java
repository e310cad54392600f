package io.dynakv.node.coordinator;

import akka.actor.typed.ActorRef;
import io.dynakv.core.Key;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.api.KvResponse;
import java.time.Duration;

/** A validated put (or delete: a tombstone value) with its bucket's settings resolved. */
public record PutRequest(
    Key key,
    VersionVector context,
    Value value,
    int n,
    int w,
    boolean lastWriterWins,
    Duration timeout,
    ActorRef<KvResponse> replyTo) {}
