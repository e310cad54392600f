package io.dynakv.client;

/** Where the client sends each key request. */
public enum Routing {
  /**
   * To the first reachable node of the key's preference list, computed from the ring as the
   * nodes compute it (Dynamo's client-driven coordination, Table 2): a write is coordinated
   * where it lands, without the extra hop a node outside the list adds by forwarding it. Falls
   * back to {@link #ANY_NODE} while the ring is unknown.
   */
  CLIENT_DRIVEN,
  /** To the configured nodes in turn (round robin); a node outside the list forwards writes. */
  ANY_NODE
}
