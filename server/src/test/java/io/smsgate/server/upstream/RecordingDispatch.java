package io.smsgate.server.upstream;

import io.smsgate.server.pipeline.Dispatch;
import io.smsgate.server.store.StoredMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A carrier side that records what it was given and takes everything unless told it is full. */
final class RecordingDispatch implements Dispatch {

    final List<StoredMessage> dispatched = new CopyOnWriteArrayList<>();
    volatile boolean full;

    @Override
    public void dispatch(StoredMessage message) {
        dispatched.add(message);
    }

    @Override
    public boolean canAccept() {
        return !full;
    }
}
