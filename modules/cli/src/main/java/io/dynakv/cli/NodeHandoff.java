package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * One node's part of a handoff watch: its /v1/ring and /v1/handoff answers, or why it gave
 * none ({@code error}).
 */
record NodeHandoff(URI url, JsonNode ring, JsonNode handoff, String error) {

  static NodeHandoff answered(URI url, JsonNode ring, JsonNode handoff) {
    return new NodeHandoff(url, ring, handoff, null);
  }

  static NodeHandoff unreachable(URI url, String error) {
    return new NodeHandoff(url, null, null, error);
  }

  boolean reachable() {
    return error == null;
  }
}
