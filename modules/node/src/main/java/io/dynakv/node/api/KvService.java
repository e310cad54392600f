package io.dynakv.node.api;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import io.dynakv.core.BucketProps;
import io.dynakv.core.InvalidInputException;
import io.dynakv.core.Key;
import io.dynakv.core.Limits;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.coordinator.GetRequest;
import io.dynakv.node.coordinator.PutRequest;
import io.dynakv.node.routing.RequestRouter;
import java.time.Clock;
import java.time.Duration;

/**
 * The key-value protocol for services in the same cluster (and the HTTP API's way in).
 * Registered with the Receptionist under {@link #KEY}. Validates each request against the
 * limits and its bucket's properties, then hands it to the {@link RequestRouter}. Optional
 * fields (r, w, timeout, context) may be null: the bucket's or the node's defaults apply.
 */
public final class KvService extends AbstractBehavior<KvService.Command> {

  public static final String NAME = "kv";

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dynakv-kv");

  public interface Command extends CborSerializable {}

  public record Get(
      String bucket, String key, Integer r, Duration timeout, ActorRef<KvResponse> replyTo)
      implements Command {}

  public record Put(
      String bucket,
      String key,
      VersionVector context,
      byte[] value,
      String contentType,
      Integer w,
      Duration timeout,
      ActorRef<KvResponse> replyTo)
      implements Command {}

  public record Delete(
      String bucket,
      String key,
      VersionVector context,
      Integer w,
      Duration timeout,
      ActorRef<KvResponse> replyTo)
      implements Command {}

  private record TableUpdated(BucketRegistry.Table table) implements Command {}

  /** The node-wide settings KvService applies to every request. */
  public record Settings(Limits limits, Duration defaultTimeout, Duration maxTimeout) {}

  public static Behavior<Command> create(
      Settings settings,
      ActorRef<BucketRegistry.Command> buckets,
      ActorRef<RequestRouter.Command> router,
      Clock clock) {
    return Behaviors.withStash(
        10_000,
        stash ->
            Behaviors.setup(ctx -> new KvService(ctx, settings, buckets, router, clock, stash)));
  }

  private final Settings settings;
  private final ActorRef<RequestRouter.Command> router;
  private final Clock clock;
  // Requests wait here until the bucket table has been loaded.
  private final StashBuffer<Command> stash;
  private BucketRegistry.Table table;

  private KvService(
      ActorContext<Command> context,
      Settings settings,
      ActorRef<BucketRegistry.Command> buckets,
      ActorRef<RequestRouter.Command> router,
      Clock clock,
      StashBuffer<Command> stash) {
    super(context);
    this.stash = stash;
    this.settings = settings;
    this.router = router;
    this.clock = clock;
    buckets.tell(
        new BucketRegistry.Subscribe(
            context.messageAdapter(BucketRegistry.Table.class, TableUpdated::new)));
    context
        .getSystem()
        .receptionist()
        .tell(Receptionist.register(KEY, context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Get.class, this::onGet)
        .onMessage(Put.class, this::onPut)
        .onMessage(Delete.class, this::onDelete)
        .onMessage(TableUpdated.class, this::onTableUpdated)
        .build();
  }

  private Behavior<Command> onTableUpdated(TableUpdated msg) {
    boolean first = table == null;
    table = msg.table();
    return first ? stash.unstashAll(this) : this;
  }

  private Behavior<Command> onGet(Get msg) {
    if (table == null) {
      stash.stash(msg);
      return this;
    }
    try {
      Key key = validKey(msg.bucket(), msg.key());
      BucketProps props = propsOf(msg.bucket());
      int r = quorum("r", msg.r(), props.r(), props.n());
      router.tell(
          new RequestRouter.RouteGet(
              new GetRequest(
                  key, props.n(), r, !props.allowSiblings(), timeout(msg.timeout()), msg.replyTo())));
    } catch (InvalidInputException e) {
      reject(msg.replyTo(), e);
    }
    return this;
  }

  private Behavior<Command> onPut(Put msg) {
    if (table == null) {
      stash.stash(msg);
      return this;
    }
    try {
      Key key = validKey(msg.bucket(), msg.key());
      if (msg.value() == null) {
        throw new InvalidInputException("value", "a put needs a value");
      }
      settings.limits().checkValue(msg.value().length);
      String contentType =
          msg.contentType() == null ? "application/octet-stream" : msg.contentType();
      Value value = Value.of(msg.value(), contentType, clock.millis());
      write(key, msg.context(), value, msg.w(), msg.timeout(), msg.replyTo());
    } catch (InvalidInputException e) {
      reject(msg.replyTo(), e);
    }
    return this;
  }

  private Behavior<Command> onDelete(Delete msg) {
    if (table == null) {
      stash.stash(msg);
      return this;
    }
    try {
      Key key = validKey(msg.bucket(), msg.key());
      write(key, msg.context(), Value.tombstone(clock.millis()), msg.w(), msg.timeout(), msg.replyTo());
    } catch (InvalidInputException e) {
      reject(msg.replyTo(), e);
    }
    return this;
  }

  private void write(
      Key key,
      VersionVector context,
      Value value,
      Integer w,
      Duration timeout,
      ActorRef<KvResponse> replyTo) {
    BucketProps props = propsOf(key.bucket());
    int required = quorum("w", w, props.w(), props.n());
    router.tell(
        new RequestRouter.RoutePut(
            new PutRequest(
                key,
                context == null ? VersionVector.empty() : context,
                value,
                props.n(),
                required,
                !props.allowSiblings(),
                timeout(timeout),
                replyTo),
            0,
            null,
            null));
  }

  private Key validKey(String bucket, String key) {
    if (bucket == null) {
      throw new InvalidInputException("bucket", "missing");
    }
    if (key == null) {
      throw new InvalidInputException("key", "missing");
    }
    settings.limits().checkBucket(bucket);
    settings.limits().checkKey(key);
    return new Key(bucket, key);
  }

  private BucketProps propsOf(String bucket) {
    return table.propsOf(bucket);
  }

  private static int quorum(String field, Integer requested, int bucketDefault, int n) {
    int value = requested == null ? Math.min(bucketDefault, n) : requested;
    if (value < 1) {
      throw new InvalidInputException(field, field + " must be at least 1, got " + value);
    }
    if (value > n) {
      throw new InvalidInputException(field, field + "=" + value + " exceeds n=" + n);
    }
    return value;
  }

  private Duration timeout(Duration requested) {
    if (requested == null) {
      return settings.defaultTimeout();
    }
    if (requested.isNegative() || requested.isZero()) {
      throw new InvalidInputException("timeout", "timeout must be positive");
    }
    if (requested.compareTo(settings.maxTimeout()) > 0) {
      throw new InvalidInputException(
          "timeout",
          "timeout " + requested.toMillis() + " ms exceeds the maximum of "
              + settings.maxTimeout().toMillis() + " ms");
    }
    return requested;
  }

  private static void reject(ActorRef<KvResponse> replyTo, InvalidInputException e) {
    replyTo.tell(new KvResponse.Rejected(e.field(), e.detail(), e.tooLarge()));
  }
}
