package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoreTest {

    @Test
    void aReopenedStoreFindsWhatItAcceptedAndContinuesItsIds() throws Exception {
        StoreConfig config = TestDatabases.fresh("store_test");
        MessageId accepted;
        try (Store store = open(config)) {
            assertThat(store.database().dataSource()).isNotNull();
            assertThat(new Partitions(store.database().dataSource(), RetentionConfig.DEFAULTS).list())
                    .contains(Partitions.partitionName("message", LocalDate.now(ZoneOffset.UTC).plusDays(7)));
            accepted = store.journal().submit(new InsertMessage(message(store.ids().next()))).get(10, TimeUnit.SECONDS);
        }

        try (Store reopened = open(config)) {
            assertThat(reopened.reader().findMessage(accepted).get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(reopened.ids().next()).isGreaterThan(accepted);
            assertThat(reopened.reader().forEachPendingMessage(m -> { })).isEqualTo(1);
        }
    }

    private static Store open(StoreConfig config) {
        return Store.open(config, JournalConfig.DEFAULTS, RetentionConfig.DEFAULTS, 3, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private static NewMessage message(MessageId id) {
        return new NewMessage(id, "acme", Address.alphanumeric("ACME"), Address.international("447700900001"), 0, 0,
                0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of(OctetString.ascii("hi")),
                OctetString.EMPTY);
    }
}
