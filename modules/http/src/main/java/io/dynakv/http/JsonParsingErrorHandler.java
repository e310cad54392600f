package io.dynakv.http;

import akka.event.LoggingAdapter;
import akka.http.ParsingErrorHandler;
import akka.http.javadsl.model.HttpResponse;
import akka.http.scaladsl.model.ErrorInfo;
import akka.http.scaladsl.model.StatusCode;
import akka.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests that akka-http cannot even parse (a URI over
 * {@code akka.http.server.parsing.max-uri-length}, a malformed request line or header) with
 * the API's JSON error shape instead of akka's plain text. {@link HttpServer} installs it;
 * akka instantiates it by class name, hence the public no-argument constructor.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {

  public JsonParsingErrorHandler() {}

  @Override
  public HttpResponse handle(
      StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    log.debug("unparseable request ({}): {}", status.intValue(), info.formatPretty());
    return ErrorResponses.parsingError(status, info.summary());
  }
}
