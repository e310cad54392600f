package io.dynakv.http.auth;

/** Who sent a request: the name of the token it carried (never the token) and its role. */
public record Principal(String name, Role role) {}
