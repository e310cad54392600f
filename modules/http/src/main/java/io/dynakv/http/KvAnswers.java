package io.dynakv.http;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.RawHeader;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.api.KvResponse;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@link KvResponse}s into HTTP: one live version is its own bytes, several are a 300
 * listing the siblings, none is a 404; every answer that has a context carries it in {@code
 * X-Context}.
 */
final class KvAnswers {

  private KvAnswers() {}

  /** The answer to a get. */
  static HttpResponse read(KvResponse answer) {
    if (answer instanceof KvResponse.Found) {
      return found(((KvResponse.Found) answer).object());
    }
    if (answer instanceof KvResponse.NotFound) {
      return ErrorResponses.notFound(contextIfAny(((KvResponse.NotFound) answer).context()));
    }
    return failed(answer);
  }

  /**
   * The answer to a put or delete: 204 with the new context when only the caller's version
   * remains, 300 with every sibling (as a get answers) when concurrent versions remain.
   */
  static HttpResponse write(KvResponse answer) {
    if (answer instanceof KvResponse.WrittenWithSiblings) {
      DvvSet object = ((KvResponse.WrittenWithSiblings) answer).object();
      return JsonViews.response(StatusCodes.MULTIPLE_CHOICES, JsonViews.siblings(object.distinctValues()))
          .addHeader(contextHeader(object.context()));
    }
    if (answer instanceof KvResponse.Written) {
      return HttpResponse.create()
          .withStatus(StatusCodes.NO_CONTENT)
          .addHeader(contextHeader(((KvResponse.Written) answer).context()));
    }
    return failed(answer);
  }

  /** The content type to store with a value: the request's, application/octet-stream if none. */
  static String contentTypeOf(HttpEntity body) {
    ContentType type = body.getContentType();
    return type.equals(ContentTypes.NO_CONTENT_TYPE) ? "application/octet-stream" : type.toString();
  }

  private static HttpResponse found(DvvSet object) {
    List<Value> values = object.distinctValues();
    HttpHeader context = contextHeader(object.context());
    if (values.isEmpty() || object.allDeleted()) {
      return ErrorResponses.notFound(Optional.of(context));
    }
    if (!object.showsSiblings()) {
      Value value = values.get(0);
      return HttpResponse.create()
          .addHeader(context)
          .withEntity(HttpEntities.create(parseContentType(value.contentType()), value.bytes()));
    }
    return JsonViews.response(StatusCodes.MULTIPLE_CHOICES, JsonViews.siblings(values))
        .addHeader(context);
  }

  private static HttpResponse failed(KvResponse answer) {
    if (answer instanceof KvResponse.Rejected) {
      return ErrorResponses.of((KvResponse.Rejected) answer);
    }
    if (answer instanceof KvResponse.Unavailable) {
      return ErrorResponses.of((KvResponse.Unavailable) answer);
    }
    throw new IllegalStateException("unexpected answer from KvService: " + answer);
  }

  /** A stored type akka cannot parse is still served, as opaque bytes. */
  private static ContentType parseContentType(String stored) {
    if (stored == null) {
      return ContentTypes.APPLICATION_OCTET_STREAM;
    }
    try {
      return ContentTypes.parse(stored);
    } catch (RuntimeException e) {
      return ContentTypes.APPLICATION_OCTET_STREAM;
    }
  }

  private static HttpHeader contextHeader(VersionVector context) {
    return RawHeader.create(RequestOptions.CONTEXT_HEADER, context.encode());
  }

  /** A 404 carries a context only when a tombstone exists, i.e. when it is not empty. */
  private static Optional<HttpHeader> contextIfAny(VersionVector context) {
    if (context == null || context.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(contextHeader(context));
  }
}
