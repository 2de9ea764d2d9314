package io.tierserve.policy.profile;

/** A profile that breaks a rule of the format; the message names the rule and where. */
public final class InvalidProfileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidProfileException(String message) {
        super(message);
    }

    public InvalidProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
