package io.smsgate.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.MessageId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The JSON body of a callback, Standard Webhooks style: {@code {"type", "timestamp", "data"}}. Status events carry
 * our public message id (the one the client was answered with) and the event's fields; MO events carry from, to,
 * the reassembled text decoded by its data_coding (SMPP 3.4 §5.2.19), and the raw octets in hex when the coding has
 * no text form here.
 */
final class WebhookPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    static byte[] render(WebhookEvent event) {
        try {
            JsonNode stored = JSON.readTree(event.data());
            ObjectNode data = stored instanceof ObjectNode object ? object : JSON.createObjectNode();
            if (event.type().equals("message.status") && data.path("message_id").canConvertToLong()) {
                data.put("message_id", new MessageId(data.get("message_id").asLong()).toString());
            }
            if (event.type().equals("message.received") && data.has("payload")) {
                mo(data, Base64.getMimeDecoder().decode(data.remove("payload").asText()));
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("type", event.type());
            body.put("timestamp", event.createdAt().toString());
            body.set("data", data);
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook event " + event.eventId() + " data: not JSON", e);
        }
    }

    private static void mo(ObjectNode data, byte[] payload) {
        if (!(ClientEvent.decode(OctetString.wrap(payload)) instanceof ClientEvent.Mo mo)) {
            throw new IllegalArgumentException("webhook MO payload: not an MO");
        }
        data.put("from", mo.source().address());
        data.put("to", mo.destination().address());
        data.put("data_coding", mo.dataCoding());
        switch (mo.dataCoding()) {
            case 0x00 -> data.put("text", Gsm7.DEFAULT.decode(mo.text()));
            case 0x01, 0x03 -> data.put("text", new String(mo.text().toByteArray(), StandardCharsets.ISO_8859_1));
            case 0x08 -> data.put("text", Ucs2.INSTANCE.decode(mo.text()));
            default -> data.put("octets", HexFormat.of().formatHex(mo.text().toByteArray()));
        }
    }
}
