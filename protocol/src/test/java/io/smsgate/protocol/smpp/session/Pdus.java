package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.AlertNotification;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CancelSm;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.QuerySm;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.pdu.Unbind;

/** Representative requests for the session tests, by SMPP name. */
final class Pdus {

    static final ShortMessage MESSAGE = ShortMessage.of(Address.international("447700900001"),
            Address.international("447700900002"), 0, OctetString.ascii("hello"));

    private Pdus() {
    }

    static SubmitSm submitSm(int sequenceNumber) {
        return new SubmitSm(sequenceNumber, MESSAGE);
    }

    static DeliverSm deliverSm(int sequenceNumber) {
        return new DeliverSm(sequenceNumber, MESSAGE);
    }

    static Bind bind(int sequenceNumber, BindType bindType) {
        return new Bind(sequenceNumber, bindType, "acme", "secret", "", InterfaceVersion.V34, Address.EMPTY);
    }

    /** The request named {@code name} (submit_sm, deliver_sm, …) with {@code sequenceNumber}. */
    static Request request(String name, int sequenceNumber) {
        return switch (name) {
            case "submit_sm" -> submitSm(sequenceNumber);
            case "deliver_sm" -> deliverSm(sequenceNumber);
            case "data_sm" -> new DataSm(sequenceNumber, "", Address.international("447700900001"),
                    Address.international("447700900002"), 0, 0, 0, Tlvs.EMPTY);
            case "query_sm" -> new QuerySm(sequenceNumber, "abc", Address.international("447700900001"));
            case "cancel_sm" -> new CancelSm(sequenceNumber, "", "abc", Address.international("447700900001"),
                    Address.international("447700900002"));
            case "enquire_link" -> new EnquireLink(sequenceNumber);
            case "unbind" -> new Unbind(sequenceNumber);
            case "bind_transceiver" -> bind(sequenceNumber, BindType.TRX);
            case "bind_transmitter" -> bind(sequenceNumber, BindType.TX);
            case "outbind" -> new Outbind(sequenceNumber, "smsc", "pw");
            case "alert_notification" -> new AlertNotification(sequenceNumber, Address.international("447700900001"),
                    Address.international("447700900002"), Tlvs.EMPTY);
            default -> throw new IllegalArgumentException("request: " + name);
        };
    }
}
