package org.focalloss.core;

/**
 * Bad input: the message is one readable line that names the bad value and the allowed range,
 * e.g. {@code gamma = -1.0 is out of range [0, ∞)}. The CLI and the notebook helpers print only this
 * message; Java callers still get an ordinary {@link IllegalArgumentException} with a stack trace.
 */
public class InvalidArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the one-line message
     */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /**
     * @param message the one-line message
     * @param cause the underlying exception, e.g. a {@link NumberFormatException}
     */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
