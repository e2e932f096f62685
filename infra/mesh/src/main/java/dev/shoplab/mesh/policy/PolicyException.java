package dev.shoplab.mesh.policy;

/** A policy file (or admin upload) that cannot be applied; the message names the source and the field. */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message of the form {@code source: field: what is wrong}. */
    public PolicyException(String message) {
        super(message);
    }

    /** Creates the exception keeping the parser error that caused it. */
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
