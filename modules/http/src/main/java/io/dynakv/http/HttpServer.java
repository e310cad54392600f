package io.dynakv.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.ConnectionContext;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBuilder;
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

  /** Binds with the settings of the system's configuration (see {@link HttpSettings}). */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, DynakvNode.NodeHandle handle, String host, int port) {
    return start(system, handle, host, port, HttpSettings.create(system.settings().config()));
  }

  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      DynakvNode.NodeHandle handle,
      String host,
      int port,
      HttpSettings httpSettings) {
    ServerBuilder server = Http.get(system).newServerAt(host, port).withSettings(settings(system));
    if (httpSettings.tls().isPresent()) {
      server = server.enableHttps(ConnectionContext.httpsServer(httpSettings.tls().get()));
    }
    return server
        .bind(new HttpApi(handle, system, httpSettings).route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(UNBIND_DEADLINE, system));
  }

  /**
   * The configured server settings, with JSON parse errors, room for long keys, and the
   * connection's remote address on each request (the per-client limit without auth needs it).
   */
  static ServerSettings settings(ActorSystem<?> system) {
    ServerSettings configured = ServerSettings.create(system.classicSystem());
    ParserSettings parser = configured.getParserSettings();
    return configured
        .withRemoteAddressAttribute(true)
        .withParsingErrorHandler(JsonParsingErrorHandler.class.getName())
        .withParserSettings(
            parser.withMaxUriLength(Math.max(parser.getMaxUriLength(), MIN_URI_LENGTH)));
  }
}
