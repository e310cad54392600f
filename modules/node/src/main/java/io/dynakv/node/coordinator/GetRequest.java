package io.dynakv.node.coordinator;

import akka.actor.typed.ActorRef;
import io.dynakv.core.Key;
import io.dynakv.node.api.KvResponse;
import java.time.Duration;

/** A validated get with its bucket's settings resolved. */
public record GetRequest(
    Key key, int n, int r, boolean lastWriterWins, Duration timeout, ActorRef<KvResponse> replyTo) {}
