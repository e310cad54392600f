package io.dynakv.http;

import akka.http.javadsl.model.HttpMethod;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.dynakv.node.metrics.Operation;
import io.dynakv.node.metrics.Outcome;
import io.dynakv.node.metrics.RequestMetrics;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Times the key requests (get, put, delete) from routing to the answer and records each in
 * {@code dynakv_requests_seconds} under the outcome its HTTP status tells. Measured here, not in
 * the node, because only here is every answer known, bad requests and timeouts of the ask
 * included.
 */
final class RequestTiming extends AllDirectives {

  private final RequestMetrics metrics;
  private final Logger log;

  RequestTiming(RequestMetrics metrics, Logger log) {
    this.metrics = metrics;
    this.log = log;
  }

  /** {@code inner}, timed; its errors and rejections become answers here so they are counted. */
  Route measured(Supplier<Route> inner) {
    return extractMethod(
        method -> {
          Operation op = operationOf(method);
          if (op == null) {
            return inner.get();
          }
          long start = System.nanoTime();
          return mapResponse(
              response -> {
                metrics.record(op, outcomeOf(response.status().intValue()), System.nanoTime() - start);
                return response;
              },
              () ->
                  handleExceptions(
                      ErrorResponses.exceptionHandler(log),
                      () -> handleRejections(ErrorResponses.rejectionHandler(), inner)));
        });
  }

  static Operation operationOf(HttpMethod method) {
    if (method.equals(HttpMethods.GET)) {
      return Operation.GET;
    }
    if (method.equals(HttpMethods.PUT)) {
      return Operation.PUT;
    }
    if (method.equals(HttpMethods.DELETE)) {
      return Operation.DELETE;
    }
    return null;
  }

  /**
   * The outcome an answer's status means: 2xx ok, 300 siblings, 404 not found, 503 quorum not
   * met, 504 timeout, 429 overloaded, any other 4xx bad request (413 too large included), the
   * rest an error.
   */
  static Outcome outcomeOf(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.OK;
    }
    switch (status) {
      case 300:
        return Outcome.SIBLINGS;
      case 404:
        return Outcome.NOT_FOUND;
      case 429:
        return Outcome.OVERLOADED;
      case 503:
        return Outcome.QUORUM_NOT_MET;
      case 504:
        return Outcome.TIMEOUT;
      default:
        return status >= 400 && status < 500 ? Outcome.BAD_REQUEST : Outcome.ERROR;
    }
  }
}
