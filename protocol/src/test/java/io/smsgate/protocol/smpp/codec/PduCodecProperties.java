package io.smsgate.protocol.smpp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Unbind;
import io.smsgate.protocol.smpp.pdu.UnbindResp;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.pdu.SubmitMulti;
import io.smsgate.protocol.smpp.pdu.SubmitMultiResp;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DataSmResp;
import io.smsgate.protocol.smpp.pdu.QuerySm;
import io.smsgate.protocol.smpp.pdu.QuerySmResp;
import io.smsgate.protocol.smpp.pdu.CancelSm;
import io.smsgate.protocol.smpp.pdu.CancelSmResp;
import io.smsgate.protocol.smpp.pdu.ReplaceSm;
import io.smsgate.protocol.smpp.pdu.ReplaceSmResp;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.AlertNotification;
import io.smsgate.protocol.smpp.pdu.BroadcastSm;
import io.smsgate.protocol.smpp.pdu.BroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.QueryBroadcastSm;
import io.smsgate.protocol.smpp.pdu.QueryBroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.CancelBroadcastSm;
import io.smsgate.protocol.smpp.pdu.CancelBroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DestinationAddress;
import io.smsgate.protocol.smpp.pdu.FieldLimits;
import io.smsgate.protocol.smpp.pdu.Inbound;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.Pdu;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.pdu.UnsuccessfulSme;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(pdu)) equals pdu for every PDU type, over all field values the records admit. */
class PduCodecProperties {

    static Inbound roundTrip(Pdu pdu) {
        ByteBuf encoded = PduCodec.encode(UnpooledByteBufAllocator.DEFAULT, pdu);
        try {
            assertThat(encoded.getInt(0)).isEqualTo(encoded.readableBytes());
            return PduCodec.decode(encoded);
        } finally {
            encoded.release();
        }
    }

    @Property(tries = 200)
    void bindRoundTrips(@ForAll("bind") Bind pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void bindRespRoundTrips(@ForAll("bindResp") BindResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void outbindRoundTrips(@ForAll("outbind") Outbind pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void unbindRoundTrips(@ForAll("unbind") Unbind pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void unbindRespRoundTrips(@ForAll("unbindResp") UnbindResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void genericNackRoundTrips(@ForAll("genericNack") GenericNack pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void submitSmRoundTrips(@ForAll("submitSm") SubmitSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void submitSmRespRoundTrips(@ForAll("submitSmResp") SubmitSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void submitMultiRoundTrips(@ForAll("submitMulti") SubmitMulti pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void submitMultiRespRoundTrips(@ForAll("submitMultiResp") SubmitMultiResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void deliverSmRoundTrips(@ForAll("deliverSm") DeliverSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void deliverSmRespRoundTrips(@ForAll("deliverSmResp") DeliverSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void dataSmRoundTrips(@ForAll("dataSm") DataSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void dataSmRespRoundTrips(@ForAll("dataSmResp") DataSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void querySmRoundTrips(@ForAll("querySm") QuerySm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void querySmRespRoundTrips(@ForAll("querySmResp") QuerySmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void cancelSmRoundTrips(@ForAll("cancelSm") CancelSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void cancelSmRespRoundTrips(@ForAll("cancelSmResp") CancelSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void replaceSmRoundTrips(@ForAll("replaceSm") ReplaceSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void replaceSmRespRoundTrips(@ForAll("replaceSmResp") ReplaceSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void enquireLinkRoundTrips(@ForAll("enquireLink") EnquireLink pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void enquireLinkRespRoundTrips(@ForAll("enquireLinkResp") EnquireLinkResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void alertNotificationRoundTrips(@ForAll("alertNotification") AlertNotification pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void broadcastSmRoundTrips(@ForAll("broadcastSm") BroadcastSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void broadcastSmRespRoundTrips(@ForAll("broadcastSmResp") BroadcastSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void queryBroadcastSmRoundTrips(@ForAll("queryBroadcastSm") QueryBroadcastSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void queryBroadcastSmRespRoundTrips(@ForAll("queryBroadcastSmResp") QueryBroadcastSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void cancelBroadcastSmRoundTrips(@ForAll("cancelBroadcastSm") CancelBroadcastSm pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    @Property(tries = 200)
    void cancelBroadcastSmRespRoundTrips(@ForAll("cancelBroadcastSmResp") CancelBroadcastSmResp pdu) {
        assertThat(roundTrip(pdu)).isEqualTo(pdu);
    }

    // ------------------------------------------------------------------------------------------ field arbitraries

    static Arbitrary<Integer> seq() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 1, 0x7FFFFFFF, -1));
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<String> cString(int max) {
        return Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(max);
    }

    static Arbitrary<Address> address(int max) {
        return Combinators.combine(u8(), u8(), cString(max)).as(Address::new);
    }

    static Arbitrary<String> time() {
        Arbitrary<String> time = Combinators.combine(Arbitraries.strings().numeric().ofLength(13),
                Arbitraries.integers().between(0, 48), Arbitraries.of("+", "-", "R"))
                .as((digits, quarterHours, p) -> digits + String.format("%02d", quarterHours) + p);
        return Arbitraries.oneOf(Arbitraries.just(""), time);
    }

    static Arbitrary<OctetString> octets(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(OctetString::of);
    }

    static Arbitrary<CommandStatus> anyStatus() {
        return Arbitraries.oneOf(Arbitraries.integers().map(CommandStatus::of),
                Arbitraries.of(CommandStatus.ESME_ROK, CommandStatus.ESME_RTHROTTLED, CommandStatus.of(0x400)));
    }

    static Arbitrary<CommandStatus> errorStatus() {
        return anyStatus().filter(status -> !status.isOk());
    }

    static Arbitrary<Tlv> tlv() {
        return Arbitraries.oneOf(List.of(
                u8().map(Tlv.DestAddrSubunit::new), u8().map(Tlv.SourceAddrSubunit::new),
                u8().map(Tlv.PayloadType::new), u8().map(Tlv.LanguageIndicator::new),
                u8().map(Tlv.MsAvailabilityStatus::new), u8().map(Tlv.DeliveryFailureReason::new),
                u8().map(Tlv.MoreMessagesToSend::new), u8().map(Tlv.CongestionState::new),
                u8().map(Tlv.UssdServiceOp::new), u8().map(Tlv.BroadcastChannelIndicator::new),
                u8().map(Tlv.BroadcastMessageClass::new), u8().map(Tlv.BroadcastAreaSuccess::new),
                u8().map(Tlv.DestAddrNpResolution::new),
                Arbitraries.integers().between(1, 255).map(Tlv.SarTotalSegments::new),
                Arbitraries.integers().between(1, 255).map(Tlv.SarSegmentSeqnum::new),
                u16().map(Tlv.UserMessageReference::new), u16().map(Tlv.SourcePort::new),
                u16().map(Tlv.DestinationPort::new), u16().map(Tlv.SarMsgRefNum::new),
                u16().map(Tlv.BroadcastRepNum::new),
                cString(255).map(Tlv.AdditionalStatusInfoText::new), cString(64).map(Tlv.ReceiptedMessageId::new),
                cString(64).map(Tlv.SourceNetworkId::new), cString(64).map(Tlv.DestNetworkId::new),
                octets(4, 19).map(Tlv.CallbackNum::new), octets(0, 300).map(Tlv.MessagePayload::new),
                octets(0, 255).map(Tlv.BroadcastContentTypeInfo::new),
                octets(1, 255).map(Tlv.BroadcastServiceGroup::new),
                octets(1, 1024).map(Tlv.BillingIdentification::new), octets(6, 6).map(Tlv.SourceNodeId::new),
                octets(6, 6).map(Tlv.DestNodeId::new), octets(10, 10).map(Tlv.DestAddrNpInformation::new),
                octets(1, 5).map(Tlv.DestAddrNpCountry::new),
                u8().map(code -> new Tlv.ScInterfaceVersion(InterfaceVersion.of(code))),
                u8().map(code -> new Tlv.MessageStateTlv(MessageState.of(code))),
                Combinators.combine(u8(), u16()).as(Tlv.NetworkErrorCode::new),
                Combinators.combine(u8(), u16()).as(Tlv.BroadcastContentType::new),
                Combinators.combine(u8(), u16()).as(Tlv.BroadcastFrequencyInterval::new),
                Combinators.combine(u8(), octets(0, 99)).as(Tlv.BroadcastAreaIdentifier::new),
                anyStatus().map(Tlv.BroadcastErrorStatus::new), time().map(Tlv.BroadcastEndTime::new),
                Combinators.combine(u16().filter(tag -> !Tlv.isTyped(tag)), octets(0, 40)).as(Tlv.Unknown::new)));
    }

    static Arbitrary<Tlvs> tlvs() {
        return tlv().list().ofMaxSize(4).filter(list -> valid(() -> new Tlvs(list))).map(Tlvs::new);
    }

    static Arbitrary<Tlvs> tlvsWithoutPayload() {
        return tlvs().filter(tlvs -> tlvs.messagePayload().isEmpty());
    }

    static boolean valid(Supplier<?> construction) {
        try {
            construction.get();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Arbitrary<OctetString> shortMessageOctets() {
        return octets(0, FieldLimits.SHORT_MESSAGE);
    }

    static Arbitrary<ShortMessage> shortMessage() {
        Arbitrary<Object[]> head = Combinators.combine(cString(5), address(20), address(20), u8(), u8(), u8(), time(),
                time()).as((a, b, c, d, e, f, g, h) -> new Object[] {a, b, c, d, e, f, g, h});
        return Combinators.combine(head, u8(), u8(), u8(), u8(), shortMessageOctets())
                .as((h, regDel, replace, dcs, defMsg, sm) -> new ShortMessage((String) h[0], (Address) h[1],
                        (Address) h[2], (Integer) h[3], (Integer) h[4], (Integer) h[5], (String) h[6],
                        (String) h[7], regDel, replace, dcs, defMsg, sm));
    }

    // ------------------------------------------------------------------------------------------ PDU arbitraries

    @Provide
    Arbitrary<Bind> bind() {
        return Combinators.combine(seq(), Arbitraries.of(BindType.class), cString(15), cString(8), cString(12),
                u8().map(InterfaceVersion::of), address(40)).as(Bind::new);
    }

    @Provide
    Arbitrary<BindResp> bindResp() {
        Arbitrary<BindResp> ok = Combinators.combine(seq(), Arbitraries.of(BindType.class), cString(15), tlvs())
                .as((seq, type, systemId, tlvs) -> new BindResp(seq, type, CommandStatus.ESME_ROK, systemId, tlvs));
        Arbitrary<BindResp> error = Combinators.combine(Arbitraries.of(BindType.class), seq(), errorStatus())
                .as(BindResp::error);
        return Arbitraries.oneOf(ok, error);
    }

    @Provide
    Arbitrary<Outbind> outbind() {
        return Combinators.combine(seq(), cString(15), cString(8)).as(Outbind::new);
    }

    @Provide
    Arbitrary<Unbind> unbind() {
        return seq().map(Unbind::new);
    }

    @Provide
    Arbitrary<UnbindResp> unbindResp() {
        return Combinators.combine(seq(), anyStatus()).as(UnbindResp::new);
    }

    @Provide
    Arbitrary<GenericNack> genericNack() {
        return Combinators.combine(seq(), anyStatus()).as(GenericNack::new);
    }

    @Provide
    Arbitrary<SubmitSm> submitSm() {
        return Combinators.combine(seq(), shortMessage(), tlvs())
                .filter((seq, message, tlvs) -> valid(() -> new SubmitSm(seq, message, tlvs))).as(SubmitSm::new);
    }

    @Provide
    Arbitrary<DeliverSm> deliverSm() {
        return Combinators.combine(seq(), shortMessage(), tlvs())
                .filter((seq, message, tlvs) -> valid(() -> new DeliverSm(seq, message, tlvs))).as(DeliverSm::new);
    }

    @Provide
    Arbitrary<SubmitSmResp> submitSmResp() {
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), tlvs())
                        .as((seq, id, tlvs) -> new SubmitSmResp(seq, CommandStatus.ESME_ROK, id, tlvs)),
                Combinators.combine(seq(), errorStatus()).as(SubmitSmResp::error));
    }

    @Provide
    Arbitrary<DeliverSmResp> deliverSmResp() {
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), tlvs())
                        .as((seq, id, tlvs) -> new DeliverSmResp(seq, CommandStatus.ESME_ROK, id, tlvs)),
                Combinators.combine(seq(), errorStatus()).as(DeliverSmResp::error));
    }

    @Provide
    Arbitrary<DataSmResp> dataSmResp() {
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), tlvs())
                        .as((seq, id, tlvs) -> new DataSmResp(seq, CommandStatus.ESME_ROK, id, tlvs)),
                Combinators.combine(seq(), errorStatus()).as(DataSmResp::error));
    }

    @Provide
    Arbitrary<BroadcastSmResp> broadcastSmResp() {
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), tlvs())
                        .as((seq, id, tlvs) -> new BroadcastSmResp(seq, CommandStatus.ESME_ROK, id, tlvs)),
                Combinators.combine(seq(), errorStatus()).as(BroadcastSmResp::error));
    }

    @Provide
    Arbitrary<QueryBroadcastSmResp> queryBroadcastSmResp() {
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), tlvs())
                        .as((seq, id, tlvs) -> new QueryBroadcastSmResp(seq, CommandStatus.ESME_ROK, id, tlvs)),
                Combinators.combine(seq(), errorStatus()).as(QueryBroadcastSmResp::error));
    }

    static Arbitrary<DestinationAddress> destination() {
        return Arbitraries.oneOf(address(20).map(DestinationAddress.Sme::new),
                cString(20).map(DestinationAddress.DistributionList::new));
    }

    @Provide
    Arbitrary<SubmitMulti> submitMulti() {
        return Combinators.combine(seq(), shortMessage(), address(20), destination().list().ofMinSize(1).ofMaxSize(10),
                tlvsWithoutPayload())
                .as((seq, m, source, destinations, tlvs) -> new SubmitMulti(seq, m.serviceType(), source,
                        destinations, m.esmClass(), m.protocolId(), m.priorityFlag(), m.scheduleDeliveryTime(),
                        m.validityPeriod(), m.registeredDelivery(), m.replaceIfPresentFlag(), m.dataCoding(),
                        m.smDefaultMsgId(), m.shortMessage(), tlvs));
    }

    @Provide
    Arbitrary<SubmitMultiResp> submitMultiResp() {
        Arbitrary<UnsuccessfulSme> sme = Combinators.combine(address(20), anyStatus()).as(UnsuccessfulSme::new);
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), sme.list().ofMaxSize(5), tlvs())
                        .as((seq, id, smes, tlvs) -> new SubmitMultiResp(seq, CommandStatus.ESME_ROK, id, smes, tlvs)),
                Combinators.combine(seq(), errorStatus()).as(SubmitMultiResp::error));
    }

    @Provide
    Arbitrary<DataSm> dataSm() {
        return Combinators.combine(seq(), cString(5), address(64), address(64), u8(), u8(), u8(), tlvs())
                .as(DataSm::new);
    }

    @Provide
    Arbitrary<QuerySm> querySm() {
        return Combinators.combine(seq(), cString(64), address(20)).as(QuerySm::new);
    }

    @Provide
    Arbitrary<QuerySmResp> querySmResp() {
        return Arbitraries.oneOf(Combinators.combine(seq(), cString(64), time(), u8(), u8())
                        .as((seq, id, date, state, error) -> new QuerySmResp(seq, CommandStatus.ESME_ROK, id, date,
                                MessageState.of(state), error)),
                Combinators.combine(seq(), errorStatus()).as(QuerySmResp::error));
    }

    @Provide
    Arbitrary<CancelSm> cancelSm() {
        return Combinators.combine(seq(), cString(5), cString(64), address(20), address(20)).as(CancelSm::new);
    }

    @Provide
    Arbitrary<CancelSmResp> cancelSmResp() {
        return Combinators.combine(seq(), anyStatus()).as(CancelSmResp::new);
    }

    @Provide
    Arbitrary<ReplaceSm> replaceSm() {
        return Combinators.combine(seq(), cString(64), address(20), time(), time(), u8(), u8(), shortMessageOctets())
                .as((seq, id, source, schedule, validity, regDel, defMsg, sm) -> new ReplaceSm(seq, id, source,
                        schedule, validity, regDel, defMsg, sm, Tlvs.EMPTY));
    }

    @Provide
    Arbitrary<ReplaceSmResp> replaceSmResp() {
        return Combinators.combine(seq(), anyStatus()).as(ReplaceSmResp::new);
    }

    @Provide
    Arbitrary<EnquireLink> enquireLink() {
        return seq().map(EnquireLink::new);
    }

    @Provide
    Arbitrary<EnquireLinkResp> enquireLinkResp() {
        return Combinators.combine(seq(), anyStatus()).as(EnquireLinkResp::new);
    }

    @Provide
    Arbitrary<AlertNotification> alertNotification() {
        return Combinators.combine(seq(), address(64), address(64), tlvs()).as(AlertNotification::new);
    }

    @Provide
    Arbitrary<BroadcastSm> broadcastSm() {
        Arbitrary<Object[]> head = Combinators.combine(seq(), cString(5), address(20), cString(64), u8(), time(),
                time()).as((a, b, c, d, e, f, g) -> new Object[] {a, b, c, d, e, f, g});
        return Combinators.combine(head, u8(), u8(), u8(), broadcastTlvs())
                .as((h, replace, dcs, defMsg, tlvs) -> new BroadcastSm((Integer) h[0], (String) h[1], (Address) h[2],
                        (String) h[3], (Integer) h[4], (String) h[5], (String) h[6], replace, dcs, defMsg, tlvs));
    }

    /** Random parameters plus whichever of broadcast_sm's four mandatory ones (SMPP 5.0 §4.4.1.1) are absent. */
    static Arbitrary<Tlvs> broadcastTlvs() {
        return tlvs().map(tlvs -> {
            Tlvs complete = tlvs;
            for (Tlv mandatory : List.of(new Tlv.BroadcastAreaIdentifier(0, OctetString.fromHex("1234")),
                    new Tlv.BroadcastContentType(1, 2), new Tlv.BroadcastRepNum(1),
                    new Tlv.BroadcastFrequencyInterval(8, 5))) {
                if (complete.get(mandatory.tag()).isEmpty()) {
                    complete = complete.plus(mandatory);
                }
            }
            return complete;
        });
    }

    @Provide
    Arbitrary<QueryBroadcastSm> queryBroadcastSm() {
        return Combinators.combine(seq(), cString(64), address(20), tlvs()).as(QueryBroadcastSm::new);
    }

    @Provide
    Arbitrary<CancelBroadcastSm> cancelBroadcastSm() {
        return Combinators.combine(seq(), cString(5), cString(64), address(20), tlvs()).as(CancelBroadcastSm::new);
    }

    @Provide
    Arbitrary<CancelBroadcastSmResp> cancelBroadcastSmResp() {
        return Combinators.combine(seq(), anyStatus()).as(CancelBroadcastSmResp::new);
    }
}
