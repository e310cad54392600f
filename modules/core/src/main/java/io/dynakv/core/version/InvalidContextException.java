package io.dynakv.core.version;

/** A context that a client sent back is not one this store could have handed out. */
public final class InvalidContextException extends IllegalArgumentException {

    public InvalidContextException(String message) {
        super(message);
    }
}
