package io.dynakv.http;

import akka.http.javadsl.model.AttributeKeys;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.RemoteAddress;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import akka.stream.Materializer;
import io.dynakv.http.auth.AccessCheck;
import io.dynakv.http.auth.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What every request passes before any route sees it: the access check (401, 403), then the
 * per-client cap on requests in progress (429). A client is its token's name when auth is on
 * and the request carried a valid token, else the remote IP address (from the connection,
 * never from X-Forwarded-For, which a client could vary freely).
 *
 * <p>The permit is held until the inner route's result is complete, whatever it is: an answer,
 * a rejection or an exception (both turned into answers inside, so they are counted), or an
 * answer after akka-http's request timeout already sent a 504 (the work goes on until then).
 * Every answer here is built in memory; only the console's static files stream, after the
 * permit is released.
 */
final class RequestGate extends AllDirectives {

  private final Optional<AccessCheck> access;
  private final ClientConcurrency concurrency;
  private final Materializer materializer;
  private final Logger log;
  private final Counter unauthorized;
  private final Counter forbidden;
  private final Counter tooMany;

  RequestGate(
      Optional<AccessCheck> access,
      ClientConcurrency concurrency,
      Materializer materializer,
      MeterRegistry registry,
      Logger log) {
    this.access = access;
    this.concurrency = concurrency;
    this.materializer = materializer;
    this.log = log;
    this.unauthorized = refused(registry, "unauthorized");
    this.forbidden = refused(registry, "forbidden");
    this.tooMany = refused(registry, "too_many_requests");
  }

  private static Counter refused(MeterRegistry registry, String reason) {
    return Counter.builder("dynakv.http.refused")
        .description("Requests answered before any route: 401 (unauthorized), 403 (forbidden), 429 (too_many_requests)")
        .tag("reason", reason)
        .register(registry);
  }

  Route route(Supplier<Route> inner) {
    return extractRequest(request -> admitted(request, inner));
  }

  private Route admitted(HttpRequest request, Supplier<Route> inner) {
    if (access.isEmpty()) {
      return limited(request, clientAddress(request), inner);
    }
    AccessCheck.Decision decision =
        access
            .get()
            .decide(
                request.method().name(),
                segments(request),
                request.getHeader("Authorization").map(HttpHeader::value));
    if (decision instanceof AccessCheck.Unauthorized refusal) {
      unauthorized.increment();
      return refuse(request, ErrorResponses.unauthorized(refusal.detail()));
    }
    if (decision instanceof AccessCheck.Forbidden refusal) {
      forbidden.increment();
      log.info(
          "refused {} {} to token {} ({} role, {} needed)",
          request.method().name(),
          request.getUri().path(),
          refusal.principal().name(),
          refusal.principal().role().label(),
          refusal.needed().label());
      return refuse(request, ErrorResponses.forbidden(refusal.detail()));
    }
    Optional<Principal> principal = ((AccessCheck.Allowed) decision).principal();
    return limited(
        request, principal.map(p -> "token " + p.name()).orElseGet(() -> clientAddress(request)), inner);
  }

  private Route limited(HttpRequest request, String client, Supplier<Route> inner) {
    Optional<ClientConcurrency.Permit> permit = concurrency.tryAcquire(client);
    if (permit.isEmpty()) {
      tooMany.increment();
      return refuse(
          request,
          ErrorResponses.tooManyRequests(
              "more than "
                  + concurrency.max()
                  + " requests of this client in progress"
                  + " (dynakv.limits.max-concurrent-requests-per-client)"));
    }
    return mapRouteResultFuture(
        result ->
            result.whenComplete((done, error) -> permit.get().release()),
        () ->
            handleExceptions(
                ErrorResponses.exceptionHandler(log),
                () -> handleRejections(ErrorResponses.rejectionHandler(), inner)));
  }

  /**
   * Answers after reading (and dropping) the request's body, which keeps the connection
   * usable: answered with the body unread, akka-http closes the connection, and a client still
   * sending its body may see a reset instead of the answer. The callback runs on the thread
   * that completes the stage (see HttpApi.direct).
   */
  private Route refuse(HttpRequest request, HttpResponse response) {
    return completeWithFuture(
        request
            .entity()
            .discardBytes(materializer)
            .completionStage()
            .handleAsync((done, error) -> response, Runnable::run));
  }

  /** The path's decoded segments; a '/' percent-encoded in a key stays inside its segment. */
  private static List<String> segments(HttpRequest request) {
    List<String> segments = new ArrayList<>();
    request.getUri().pathSegments().forEach(segments::add);
    return segments;
  }

  private static String clientAddress(HttpRequest request) {
    return request
        .getAttribute(AttributeKeys.remoteAddress)
        .flatMap(RemoteAddress::getAddress)
        .map(address -> "address " + address.getHostAddress())
        .orElse("address unknown");
  }
}
