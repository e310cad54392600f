package io.dynakv.core;

/**
 * Bad input from a caller: names the offending field and says why in words a client can act
 * on. The HTTP layer maps it to 400, or to 413 when {@link #tooLarge()} is set.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String detail;
    private final boolean tooLarge;

    public InvalidInputException(String field, String detail) {
        this(field, detail, false);
    }

    public InvalidInputException(String field, String detail, boolean tooLarge) {
        super(field + ": " + detail);
        this.field = field;
        this.detail = detail;
        this.tooLarge = tooLarge;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }

    /** True when the input was well formed but exceeds a size limit (413 rather than 400). */
    public boolean tooLarge() {
        return tooLarge;
    }
}
