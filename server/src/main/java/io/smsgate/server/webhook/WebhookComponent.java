package io.smsgate.server.webhook;

import io.smsgate.server.Component;
import io.smsgate.server.ServerContext;
import io.smsgate.server.fetch.HostResolver;
import io.smsgate.server.fetch.HttpFetcher;
import io.smsgate.server.store.Journal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook delivery as a server component: the fetcher and the dispatcher over the server's store, Vert.x and meters.
 * Without {@code webhooks.master-key} it stays off (nothing can be signed) and says so once; events queue meanwhile.
 */
public final class WebhookComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(WebhookComponent.class);

    private volatile Optional<HttpFetcher> fetcher = Optional.empty();
    private volatile Optional<WebhookDispatcher> dispatcher = Optional.empty();
    private volatile Optional<Journal> journal = Optional.empty();

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public void start(ServerContext context) {
        WebhookConfig config = context.config().webhooks();
        if (config.masterKey().isEmpty()) {
            log.info("webhooks off: webhooks.master-key is empty (set SMSGATE__WEBHOOKS__MASTER_KEY); events queue "
                    + "until it is set");
            return;
        }
        HttpFetcher client = new HttpFetcher(context.vertx(), context.config().fetch(), HostResolver.SYSTEM);
        WebhookDispatcher started = WebhookDispatcher.create(context.dataSource(), client, config, Clock.systemUTC(),
                context.metrics().registry());
        fetcher = Optional.of(client);
        dispatcher = Optional.of(started);
        journal = Optional.of(context.journal());
    }

    @Override
    public void listen() {
        dispatcher.ifPresent(started -> {
            started.start();
            // Status and MO events are written by triggers in the Journal's transactions: look for them as soon as
            // one commits, rather than at the next poll (which stays, slow, for other nodes' writes and retries).
            journal.ifPresent(j -> j.addCommitListener(started::wake));
        });
    }

    /** The running dispatcher, for the HTTP API's {@link WebhookRoutes#mount}; empty while webhooks are off. */
    public Optional<WebhookDispatcher> dispatcher() {
        return dispatcher;
    }

    @Override
    public void stop(Duration timeout) {
        dispatcher.ifPresent(WebhookDispatcher::close);
        fetcher.ifPresent(HttpFetcher::close);
    }
}
