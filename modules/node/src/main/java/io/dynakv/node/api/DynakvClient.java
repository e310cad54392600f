package io.dynakv.node.api;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.dynakv.core.version.VersionVector;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A Java facade over {@link KvService} for services running in the same actor system: every
 * call returns a CompletionStage of the {@link KvResponse}. The context passed to a put or
 * delete is the one from an earlier answer (opaque; null for a blind write).
 */
public final class DynakvClient {

  private final ActorRef<KvService.Command> service;
  private final ActorSystem<?> system;
  private final Duration askTimeout;

  public DynakvClient(ActorRef<KvService.Command> service, ActorSystem<?> system, Duration askTimeout) {
    this.service = service;
    this.system = system;
    this.askTimeout = askTimeout;
  }

  public CompletionStage<KvResponse> get(String bucket, String key) {
    return AskPattern.ask(
        service, replyTo -> new KvService.Get(bucket, key, null, null, replyTo), askTimeout, system.scheduler());
  }

  public CompletionStage<KvResponse> put(
      String bucket, String key, VersionVector context, byte[] value, String contentType) {
    return AskPattern.ask(
        service,
        replyTo -> new KvService.Put(bucket, key, context, value, contentType, null, null, replyTo),
        askTimeout,
        system.scheduler());
  }

  public CompletionStage<KvResponse> delete(String bucket, String key, VersionVector context) {
    return AskPattern.ask(
        service,
        replyTo -> new KvService.Delete(bucket, key, context, null, null, replyTo),
        askTimeout,
        system.scheduler());
  }
}
