package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.server.config.DataSize;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    @Test
    void defaultsArePort8080OnEveryInterfaceWith64KibBodies() {
        ApiConfig d = ApiConfig.DEFAULTS;

        assertThat(d.enabled()).isTrue();
        assertThat(d.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.tls()).isEmpty();
        assertThat(d.maxBodySize()).isEqualTo(DataSize.ofKibibytes(64));
        assertThat(d.perKeyRate()).isEqualTo(1_000);
        assertThat(d.perAccountRate()).isEqualTo(2_000);
        assertThat(d.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(d.keyCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.workerThreads()).isEqualTo(4);
        assertThat(d.workerQueue()).isEqualTo(1_000);
        assertThat(d.keyPepper()).isEmpty();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withAddress("0.0.0.0", 70_000))
                .hasMessageContaining("api.port: 70000");
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withRates(0, 10)).hasMessageContaining("api.per-key-rate: 0");
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withMaxBodySize(DataSize.ofBytes(10)))
                .hasMessageContaining("api.max-body-size");
    }

    @Test
    void thePepperIsNeverPrinted() {
        ApiConfig config = new ApiConfig(true, "127.0.0.1", 0, Optional.empty(), DataSize.ofKibibytes(64), 1, 1,
                Duration.ofHours(1), Duration.ZERO, 1, 1, Optional.of("a-very-secret-pepper"));

        assertThat(config.toString()).doesNotContain("a-very-secret-pepper").contains("keyPepper=***");
    }
}
