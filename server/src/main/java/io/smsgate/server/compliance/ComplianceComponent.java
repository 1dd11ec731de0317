package io.smsgate.server.compliance;

import io.smsgate.server.Component;
import io.smsgate.server.ServerContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Compliance} as a {@link Component}: started first, so that its opt-out list is in memory before the carrier
 * binds deliver an MO or a front end accepts a message.
 */
public final class ComplianceComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(ComplianceComponent.class);

    private volatile Compliance compliance;

    @Override
    public String name() {
        return "compliance";
    }

    @Override
    public void start(ServerContext context) {
        ComplianceConfig config = context.config().compliance();
        compliance = Compliance.start(config, context.dataSource(), Clock.systemUTC());
        log.info("compliance ready opt_out_scope={} smpp_status={} languages={} quiet_hours_rules={}",
                config.optOutScope(), config.smppStatus(), config.languages().keySet(), config.quietHours().size());
    }

    @Override
    public void stop(Duration timeout) {
        Compliance running = compliance;
        if (running != null) {
            running.close();
        }
    }

    /** The compliance check once started. */
    public Optional<Compliance> compliance() {
        return Optional.ofNullable(compliance);
    }
}
