package io.smsgate.server.store;

/** A store operation failed; the message names the operation, the cause is the driver's exception. */
public class StoreException extends RuntimeException {

    public StoreException(String operation, Throwable cause) {
        super(operation, cause);
    }

    StoreException(String message) {
        super(message);
    }
}
