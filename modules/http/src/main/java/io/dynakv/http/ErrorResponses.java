package io.dynakv.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpMethod;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.Allow;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.MethodRejection;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.scaladsl.model.EntityStreamSizeException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynakv.core.InvalidInputException;
import io.dynakv.node.api.KvResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Every error the API answers with, always as JSON {@code {"error": "...", ...}}: bad input
 * names its field, a quorum failure says how many acks arrived, and nothing, not even a bug,
 * reaches the caller as a stack trace or an HTML page.
 */
final class ErrorResponses {

  private static final int MAX_ECHO = 100;

  private ErrorResponses() {}

  static HttpResponse badRequest(String field, String detail) {
    return fieldError(StatusCodes.BAD_REQUEST, "bad request", field, detail);
  }

  static HttpResponse tooLarge(String field, String detail) {
    return fieldError(StatusCodes.PAYLOAD_TOO_LARGE, "too large", field, detail);
  }

  static HttpResponse invalid(InvalidInputException e) {
    return e.tooLarge() ? tooLarge(e.field(), e.detail()) : badRequest(e.field(), e.detail());
  }

  /** For the answers of KvService that are not a success. */
  static HttpResponse of(KvResponse.Rejected rejected) {
    return rejected.tooLarge()
        ? tooLarge(rejected.field(), rejected.detail())
        : badRequest(rejected.field(), rejected.detail());
  }

  static HttpResponse of(KvResponse.Unavailable unavailable) {
    ObjectNode body = JsonViews.object();
    body.put("error", unavailable.error());
    body.put("acks", unavailable.acks());
    body.put("required", unavailable.required());
    body.put("detail", unavailable.detail());
    return JsonViews.response(StatusCodes.SERVICE_UNAVAILABLE, body);
  }

  static HttpResponse notFound() {
    return simple(StatusCodes.NOT_FOUND, "not found", null);
  }

  static HttpResponse notFound(Optional<HttpHeader> context) {
    HttpResponse response = notFound();
    return context.map(response::addHeader).orElse(response);
  }

  static HttpResponse timeout(String detail) {
    return simple(StatusCodes.GATEWAY_TIMEOUT, "timeout", detail);
  }

  static HttpResponse methodNotAllowed(List<HttpMethod> allowed) {
    String names = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    return simple(StatusCodes.METHOD_NOT_ALLOWED, "method not allowed", "allowed: " + names)
        .addHeader(Allow.create(allowed.toArray(new HttpMethod[0])));
  }

  /** akka-http's own deadline for the whole request (akka.http.server.request-timeout). */
  static HttpResponse requestTimedOut(HttpRequest request) {
    return timeout("the server did not answer " + request.method().name() + " in time");
  }

  /** 401: no token, or an unknown one; the challenge tells the client which scheme to use. */
  static HttpResponse unauthorized(String detail) {
    return simple(StatusCodes.UNAUTHORIZED, "unauthorized", detail)
        .addHeader(HttpHeader.parse("WWW-Authenticate", "Bearer realm=\"dynakv\""));
  }

  /** 403: a valid token whose role is too low; the detail names the role needed. */
  static HttpResponse forbidden(String detail) {
    return simple(StatusCodes.FORBIDDEN, "forbidden", detail);
  }

  /** 429: the client has too many requests in progress; try again after a second. */
  static HttpResponse tooManyRequests(String detail) {
    return simple(StatusCodes.TOO_MANY_REQUESTS, "too_many_requests", detail)
        .addHeader(HttpHeader.parse("Retry-After", "1"));
  }

  static HttpResponse internal() {
    return simple(StatusCodes.INTERNAL_SERVER_ERROR, "internal", null);
  }

  /**
   * A request that failed: bad input and timeouts are the caller's to know about; anything
   * else is a bug in this server, logged here and answered without details.
   */
  static HttpResponse fromFailure(Throwable failure, Logger log) {
    Throwable cause = unwrap(failure);
    if (cause instanceof InvalidInputException) {
      return invalid((InvalidInputException) cause);
    }
    if (cause instanceof EntityStreamSizeException) {
      return tooLarge(
          "value",
          "the request body exceeds the limit of "
              + ((EntityStreamSizeException) cause).limit()
              + " bytes");
    }
    if (cause instanceof TimeoutException) {
      return timeout("the node did not answer in time");
    }
    if (cause instanceof akka.http.scaladsl.model.EntityStreamException) {
      // A malformed chunk, a truncated body: what the client sent is broken.
      return badRequest(
          "body",
          "the request body could not be read: "
              + ((akka.http.scaladsl.model.EntityStreamException) cause).info().summary());
    }
    if (cause instanceof akka.http.scaladsl.model.IllegalRequestException) {
      return badRequest(
          "request", ((akka.http.scaladsl.model.IllegalRequestException) cause).info().summary());
    }
    log.error("request failed unexpectedly", cause);
    return internal();
  }

  static ExceptionHandler exceptionHandler(Logger log) {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> Directives.complete(fromFailure(e, log)))
        .build();
  }

  /**
   * Rejections become JSON: method and not-found ones here, every other kind through akka's
   * default handler with its plain-text explanation moved into {@code "detail"}.
   */
  static RejectionHandler rejectionHandler() {
    RejectionHandler own =
        RejectionHandler.newBuilder()
            .handleAll(
                MethodRejection.class,
                rejections ->
                    Directives.complete(
                        methodNotAllowed(
                            rejections.stream()
                                .map(MethodRejection::supported)
                                .distinct()
                                .collect(Collectors.toList()))))
            .handleNotFound(Directives.complete(notFound()))
            .build();
    return own.withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(ErrorResponses::asJson);
  }

  /** Rewrites a plain-text error response into the API's JSON shape; JSON passes through. */
  static HttpResponse asJson(HttpResponse response) {
    HttpEntity entity = response.entity();
    if (entity.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      return response;
    }
    String detail =
        entity instanceof HttpEntity.Strict
            ? ((HttpEntity.Strict) entity).getData().utf8String()
            : null;
    StatusCode status = response.status();
    return response.withEntity(
        JsonViews.entity(body(errorName(status), detail == null || detail.isBlank() ? null : detail)));
  }

  /** For requests so malformed that no route sees them (see {@link JsonParsingErrorHandler}). */
  static HttpResponse parsingError(StatusCode status, String detail) {
    return simple(status, errorName(status), detail);
  }

  static String errorName(StatusCode status) {
    switch (status.intValue()) {
      case 400:
        return "bad request";
      case 404:
        return "not found";
      case 405:
        return "method not allowed";
      case 413:
        return "too large";
      case 414:
        return "uri too long";
      case 431:
        return "headers too large";
      case 503:
        return "unavailable";
      case 504:
        return "timeout";
      default:
        return status.reason().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A path under /v1/buckets that no route matched. Its encoded segments (after "buckets")
   * tell which part is wrong: a bucket or key holding an unencoded '/', or an empty one.
   */
  static HttpResponse unmatchedBucketPath(List<String> segments) {
    if (segments.size() >= 2 && segments.get(0).isEmpty()) {
      return badRequest("bucket", "bucket must not be empty");
    }
    if (segments.size() >= 3 && segments.get(1).equals("keys")) {
      if (segments.size() == 3 && segments.get(2).isEmpty()) {
        return badRequest("key", "key must not be empty");
      }
      return badRequest(
          "key", "a key is a single path segment: percent-encode '/' in a key as %2F");
    }
    if (segments.size() == 2 && segments.get(1).equals("keys")) {
      return badRequest("key", "key must not be empty");
    }
    for (int i = 2; i < segments.size(); i++) {
      String s = segments.get(i);
      if (s.equals("keys") || (s.equals("props") && i == segments.size() - 1)) {
        return badRequest(
            "bucket", "bucket may only contain letters, digits, '_', '.' and '-'");
      }
    }
    return notFound();
  }

  /** Caps text taken from a request before it is echoed back in an error. */
  static String echo(String input) {
    return input.length() <= MAX_ECHO ? input : input.substring(0, MAX_ECHO) + "...";
  }

  private static HttpResponse fieldError(
      StatusCode status, String error, String field, String detail) {
    ObjectNode body = JsonViews.object();
    body.put("error", error);
    body.put("field", field);
    body.put("detail", detail);
    return JsonViews.response(status, body);
  }

  private static HttpResponse simple(StatusCode status, String error, String detail) {
    return JsonViews.response(status, body(error, detail));
  }

  private static ObjectNode body(String error, String detail) {
    ObjectNode body = JsonViews.object();
    body.put("error", error);
    if (detail != null) {
      body.put("detail", detail);
    }
    return body;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
