package io.dynakv.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.settings.ParserSettings;
import akka.http.javadsl.settings.ServerSettings;
import io.dynakv.node.DynakvNode;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Binds the /v1 API of one node and unbinds it when the actor system shuts down. */
public final class HttpServer {

  /**
   * A key may be 1 KiB of arbitrary bytes, up to 3 KiB once percent-encoded: akka-http's
   * default URI limit (2 KiB) would turn legitimate keys into parse errors.
   */
  static final int MIN_URI_LENGTH = 16 * 1024;

  private static final Duration UNBIND_DEADLINE = Duration.ofSeconds(5);

  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, DynakvNode.NodeHandle handle, String host, int port) {
    return Http.get(system)
        .newServerAt(host, port)
        .withSettings(settings(system))
        .bind(new HttpApi(handle, system).route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(UNBIND_DEADLINE, system));
  }

  /** The configured server settings, with JSON parse errors and room for long keys. */
  static ServerSettings settings(ActorSystem<?> system) {
    ServerSettings configured = ServerSettings.create(system.classicSystem());
    ParserSettings parser = configured.getParserSettings();
    return configured
        .withParsingErrorHandler(JsonParsingErrorHandler.class.getName())
        .withParserSettings(
            parser.withMaxUriLength(Math.max(parser.getMaxUriLength(), MIN_URI_LENGTH)));
  }
}
