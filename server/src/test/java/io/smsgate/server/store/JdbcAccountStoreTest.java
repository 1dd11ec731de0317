package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.smpp.pdu.BindType;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAccountStoreTest {

    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClass("account_store_test");
    private static JdbcAccountStore accounts;

    @BeforeAll
    static void openAccounts() {
        accounts = new JdbcAccountStore(store.database.dataSource());
    }

    @Test
    void storesAndReplacesAnAccount() throws Exception {
        Account acme = new Account("acme", "$pbkdf2$x", Set.of(BindType.TX, BindType.TRX), 4,
                List.of("10.0.0.0/8", "192.168.1.7/32"), 200, 10, "SMPP34", true);
        accounts.upsert(acme);
        Account changed = new Account("acme", "$pbkdf2$y", Set.of(BindType.RX), 1, List.of(), 5, 1, "SMPP34", false);

        assertThat(accounts.find("acme")).contains(acme);
        accounts.upsert(changed);
        try (StoreReader reader = new StoreReader(store.database.dataSource(), 1, 10)) {
            assertThat(reader.findAccount("acme").get(10, TimeUnit.SECONDS)).contains(changed);
        }
        assertThat(accounts.find("nobody")).isEmpty();
    }

    @Test
    void deletingAnAccountDeletesItsNumbers() throws SQLException {
        accounts.upsert(new Account("gone", "h", Set.of(BindType.TRX), 1, List.of(), 1, 1, "SMPP34", true));
        store.execute("INSERT INTO number (number, system_id) VALUES ('447700900555', 'gone')");

        assertThat(accounts.delete("gone")).isTrue();
        assertThat(store.count("SELECT count(*) FROM number WHERE system_id = 'gone'")).isZero();
        assertThat(accounts.delete("gone")).isFalse();
    }

    @Test
    void theHashNeverReachesToString() {
        Account account = new Account("acme", "$pbkdf2$secret", Set.of(BindType.TX), 1, List.of(), 1, 1, "SMPP34",
                true);

        assertThat(account.toString()).doesNotContain("secret").contains("passwordHash=***");
    }

    @Test
    void aSystemIdLongerThanSmppAllowsIsRefused() {
        assertThatThrownBy(() -> new Account("sixteen-chars-xx", "h", Set.of(BindType.TX), 1, List.of(), 1, 1,
                "SMPP34", true)).hasMessage("system_id: 'sixteen-chars-xx' (expected: 1..15 characters)");
    }
}
