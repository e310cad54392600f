package io.dynakv.http;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.Uri;
import akka.http.javadsl.model.headers.CacheControl;
import akka.http.javadsl.model.headers.CacheDirectives;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;

/**
 * The web console: static HTML, CSS and JavaScript from the classpath ({@code console/}),
 * which reads the node's own JSON endpoints from the browser. Nothing is generated here.
 */
final class ConsoleRoute extends AllDirectives {

  static final String RESOURCES = "console";

  /**
   * The file names carry no version, so a browser must revalidate each asset (a 304 from the
   * Last-Modified/ETag akka-http sends): after an upgrade, new HTML never meets old JS.
   */
  private static final CacheControl REVALIDATE = CacheControl.create(CacheDirectives.NO_CACHE);

  Route route() {
    return pathPrefix(
        "console",
        () ->
            get(
                () ->
                    concat(
                        // Relative, so the page also works behind a proxy under a path prefix.
                        pathEnd(() -> redirect(Uri.create("console/"), StatusCodes.MOVED_PERMANENTLY)),
                        respondWithHeader(
                            REVALIDATE,
                            () ->
                                concat(
                                    pathSingleSlash(
                                        () -> getFromResource(RESOURCES + "/index.html")),
                                    getFromResourceDirectory(RESOURCES))))));
  }
}
