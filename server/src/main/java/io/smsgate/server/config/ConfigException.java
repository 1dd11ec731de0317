package io.smsgate.server.config;

/**
 * A configuration that cannot be used: the message names the dotted key, the value and the expectation
 * ({@code smpp.window.max-outstanding: 0 (expected: >= 1)}), prefixed by the file it came from.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
