package io.dynakv.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A bucket, key or node name as one percent-encoded URL path segment ('/' becomes %2F). */
final class PathSegment {

  private PathSegment() {}

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String keyPath(String bucket, String key) {
    return "/v1/buckets/" + encode(bucket) + "/keys/" + encode(key);
  }
}
