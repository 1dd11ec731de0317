package io.smsgate.server.api;

import io.smsgate.server.store.EventDetail;
import io.smsgate.server.store.MessageEvent;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.Price;
import io.smsgate.server.store.StoredMessage;
import io.smsgate.server.webhook.WebhookRoutes;
import io.smsgate.server.webhook.WebhookStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON the API answers with for stored messages (the contract's MessageSummary, Message, Event and
 * MessageWebhook).
 */
final class MessageViews {

    private MessageViews() {
    }

    // The API's status names, lowercased once rather than per answer.
    private static final String[] STATUS_NAMES = Arrays.stream(MessageStatus.values())
            .map(status -> status.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    static String status(MessageStatus status) {
        return STATUS_NAMES[status.ordinal()];
    }

    static MessageStatus status(String name) {
        return MessageStatus.valueOf(name.toUpperCase(Locale.ROOT));
    }

    static JsonObject summary(StoredMessage stored) {
        NewMessage m = stored.message();
        JsonObject json = new JsonObject()
                .put("id", m.id().toString())
                .put("status", status(stored.status()))
                .put("to", MessageComposer.show(m.destination()))
                .put("from", MessageComposer.show(m.source()))
                .put("created_at", m.createdAt().toString())
                .put("updated_at", stored.updatedAt().toString())
                .put("segments", MessageComposer.segments(m))
                .put("attempts", stored.attempts());
        MessageComposer.encodingName(m.dataCoding()).ifPresent(e -> json.put("encoding", e));
        m.clientRef().ifPresent(r -> json.put("client_reference", r));
        m.statusCallback().ifPresent(u -> json.put("status_callback", u));
        stored.carrierId().ifPresent(c -> json.put("carrier", c));
        stored.carrierMessageId().ifPresent(c -> json.put("carrier_message_id", c));
        m.notBefore().ifPresent(t -> json.put("send_at", t.toString()));
        m.validityUntil().ifPresent(t -> json.put("valid_until", t.toString()));
        cost(stored).ifPresent(price -> json.put("cost", price(price)));
        return json;
    }

    /**
     * What the message costs its account: the price stored when it was accepted, and nothing (0 in that currency)
     * once it ended without a carrier taking it (refused, opted out before release, no route, expired waiting), as
     * a carrier charges only what it took; absent when its route is not rated.
     */
    static Optional<Price> cost(StoredMessage stored) {
        Optional<Price> price = stored.message().price();
        if (price.isPresent() && stored.status().isFinal() && stored.carrierMessageId().isEmpty()) {
            return Optional.of(new Price(BigDecimal.ZERO, price.get().currency()));
        }
        return price;
    }

    /** At most this many status callbacks in a message's detail (a message has one per event, a few in all). */
    static final int MAX_WEBHOOKS = 200;

    /**
     * The message with its timeline (acceptance, the message row, first, then every event, oldest first) and its
     * status callbacks, by event id.
     *
     * <p>The callbacks are a list of their own, not entries of the timeline: an event happened once, at one time,
     * while its callback is a delivery with a life of its own (pending, retried, delivered or dead, replayed), so a
     * client reads "what happened to my message" from events and "did my endpoint get told" from webhooks, each
     * in its own order, without telling two kinds of entry apart in one array.
     */
    static JsonObject detail(StoredMessage stored, List<MessageEvent> events,
                             List<WebhookStore.MessageWebhook> webhooks) {
        JsonObject json = summary(stored);
        JsonArray timeline = new JsonArray();
        timeline.add(event(stored.message().createdAt(), MessageStatus.QUEUED, EventDetail.note("accepted")));
        for (MessageEvent event : events) {
            timeline.add(event(event.at(), event.status(), event.detail()));
        }
        JsonArray callbacks = new JsonArray();
        for (WebhookStore.MessageWebhook webhook : webhooks) {
            callbacks.add(webhook(webhook));
        }
        return json.put("events", timeline).put("webhooks", callbacks);
    }

    private static JsonObject webhook(WebhookStore.MessageWebhook webhook) {
        JsonObject json = new JsonObject()
                .put("id", webhook.webhookId())
                .put("type", webhook.type())
                .put("state", switch (webhook.state()) {
                    case PENDING -> "pending";
                    case DELIVERED -> "delivered";
                    case DEAD -> "dead";
                })
                .put("attempts", webhook.attempts())
                .put("url", webhook.url())
                .put("created_at", webhook.createdAt().toString());
        // The trigger writes message_event's state, the status names in upper case (as the callback's body has them).
        webhook.status().ifPresent(s -> json.put("status", s.toLowerCase(Locale.ROOT)));
        webhook.lastStatus().ifPresent(s -> json.put("last_status", s));
        webhook.lastError().ifPresent(e -> json.put("last_error", e));
        webhook.nextAttemptAt().ifPresent(t -> json.put("next_attempt_at", t.toString()));
        webhook.settledAt().ifPresent(t -> json.put("settled_at", t.toString()));
        return json.put("attempt_log", WebhookRoutes.attemptLog(webhook.attemptLog()));
    }

    static JsonObject price(Price price) {
        return new JsonObject().put("amount", price.amount().toPlainString()).put("currency", price.currency());
    }

    private static JsonObject event(Instant at, MessageStatus status, EventDetail detail) {
        JsonObject json = new JsonObject().put("at", at.toString()).put("status", status(status));
        detail.carrierId().ifPresent(c -> json.put("carrier", c));
        detail.carrierMessageId().ifPresent(c -> json.put("carrier_message_id", c));
        detail.commandStatus().ifPresent(s -> json.put("command_status", s));
        detail.receiptStat().ifPresent(s -> json.put("receipt_stat", s));
        detail.errorCode().ifPresent(e -> json.put("error_code", e));
        detail.text().ifPresent(t -> json.put("detail", t));
        return json;
    }
}
