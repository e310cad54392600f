package io.dynakv.client;

/** 403: the token is valid but its role does not allow the request (e.g. a read token's PUT). */
public final class ForbiddenException extends RequestRejectedException {

  public ForbiddenException(String error, String detail) {
    super(403, error, detail);
  }
}
