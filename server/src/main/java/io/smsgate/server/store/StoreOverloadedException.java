package io.smsgate.server.store;

/**
 * The store refused work at once: the Journal's queue is full or it is stopping, or the reader pool is busy.
 * The caller answers ESME_RMSGQFUL/ESME_RTHROTTLED (or HTTP 429) and the client retries later. No stack trace:
 * it is back-pressure, not a bug.
 */
public final class StoreOverloadedException extends StoreException {

    StoreOverloadedException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
