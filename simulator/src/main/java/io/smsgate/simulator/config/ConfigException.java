package io.smsgate.simulator.config;

/** A configuration file or control request that does not validate; the message names the key path. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
