package io.dynakv.client;

/** 401: the request carried no bearer token, or one the node does not know. */
public final class UnauthorizedException extends RequestRejectedException {

  public UnauthorizedException(String error, String detail) {
    super(401, error, detail);
  }
}
