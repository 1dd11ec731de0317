package io.smsgate.server.api;

import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.Price;
import io.smsgate.server.store.StoredMessage;
import java.util.Optional;

/** The CSV export's rows (RFC 4180: comma-separated, CRLF, fields quoted when they need it). */
final class Csv {

    static final String HEADER = "id,created_at,updated_at,status,from,to,segments,client_reference,carrier,"
            + "carrier_message_id,cost,currency\r\n";

    private Csv() {
    }

    static void row(StringBuilder out, StoredMessage stored) {
        NewMessage m = stored.message();
        out.append(m.id()).append(',')
                .append(m.createdAt()).append(',')
                .append(stored.updatedAt()).append(',')
                .append(MessageViews.status(stored.status())).append(',');
        field(out, MessageComposer.show(m.source())).append(',');
        field(out, MessageComposer.show(m.destination())).append(',');
        out.append(MessageComposer.segments(m)).append(',');
        field(out, m.clientRef().map(Csv::neutralised).orElse("")).append(',');
        field(out, stored.carrierId().orElse("")).append(',');
        field(out, stored.carrierMessageId().orElse("")).append(',');
        Optional<Price> cost = MessageViews.cost(stored);
        out.append(cost.map(p -> p.amount().toPlainString()).orElse("")).append(',')
                .append(cost.map(Price::currency).orElse("")).append("\r\n");
    }

    static StringBuilder field(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '"' ? "\"\"" : String.valueOf(c));
        }
        return out.append('"');
    }

    // A client's free text opened in a spreadsheet must not run as a formula (OWASP CSV injection): a leading
    // =, +, -, @, tab or carriage return is kept as text by a leading apostrophe.
    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
