package io.smsgate.simulator;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.smsgate.simulator.load.OpenLoopPacer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Mobile-originated traffic of one simulated carrier (SMPP 3.4 §4.6 deliver_sm, esm_class 0): at the configured
 * rate, spread round-robin over the carrier's bound receivers; multipart MO carries a UDH concatenation IE
 * and may be sent with its parts shuffled (reliability.md B21). Runs on one event loop.
 */
final class MoGenerator {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int ESM_CLASS_UDHI = 0x40;
    /** User data octets per part after the 6-octet UDH (140 - 6), counting GSM-7 text as one octet per character. */
    private static final int PART_OCTETS = 134;

    private final SmscSimulator.Carrier carrier;
    private final EventLoop loop;
    private final SplittableRandom random;
    private double rate;
    private OpenLoopPacer pacer;
    private long sent;
    private int nextReceiver;
    private int reference;
    private ScheduledFuture<?> task;

    MoGenerator(SmscSimulator.Carrier carrier, EventLoop loop, SplittableRandom random) {
        this.carrier = carrier;
        this.loop = loop;
        this.random = random;
    }

    void start() {
        task = loop.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tick() {
        MoTraffic mo = carrier.control.current().mo();
        long now = loop.ticker().nanoTime();
        if (mo.rate() != rate) {
            rate = mo.rate();
            pacer = rate > 0 ? new OpenLoopPacer(rate, now) : null;
            sent = 0;
        }
        if (pacer == null) {
            return;
        }
        long due = pacer.dueBy(now);
        while (sent < due) {
            sent++;
            List<SmscSessionHandler> receivers = new ArrayList<>(carrier.receivers);
            receivers.removeIf(receiver -> !receiver.isActive());
            if (receivers.isEmpty()) {
                continue;  // no one to deliver to: the MO is not generated (the carrier has no queue)
            }
            SmscSessionHandler receiver = receivers.get(Math.floorMod(nextReceiver++, receivers.size()));
            for (DeliverSm deliver : messages(mo)) {
                receiver.deliverFromAnyThread(carrier.pending(deliver, false, now));
            }
        }
    }

    /** One MO as deliver_sm PDUs (sequence numbers are stamped by the receiving session). */
    List<DeliverSm> messages(MoTraffic mo) {
        Address source = Address.international(fill(mo.sourcePattern()));
        Address destination = new Address(0, 1, fill(mo.destinationPattern()));
        int dataCoding = switch (mo.encoding()) {
            case GSM7 -> 0x00;
            case LATIN1 -> 0x03;
            case UCS2 -> 0x08;
        };
        byte[] text = encode(mo.text(), mo.encoding());
        boolean multipart = mo.multipartFraction() > 0 && random.nextDouble() < mo.multipartFraction();
        if (!multipart) {
            byte[] single = text.length > 140 ? java.util.Arrays.copyOf(text, 140) : text;
            return List.of(new DeliverSm(0, ShortMessage.of(source, destination, dataCoding, OctetString.wrap(single))));
        }
        int parts = mo.parts();
        int ref = reference++ & 0xFF;
        List<DeliverSm> messages = new ArrayList<>(parts);
        for (int part = 1; part <= parts; part++) {
            byte[] chunk = chunk(text, part, parts, mo.encoding() == MoTraffic.Encoding.UCS2);
            byte[] userData = new byte[6 + chunk.length];
            // UDH: length 5, IE 00 (8-bit concatenation), IE length 3, reference, total, sequence (TS 23.040 §9.2.3.24.1).
            userData[0] = 0x05;
            userData[1] = 0x00;
            userData[2] = 0x03;
            userData[3] = (byte) ref;
            userData[4] = (byte) parts;
            userData[5] = (byte) part;
            System.arraycopy(chunk, 0, userData, 6, chunk.length);
            messages.add(new DeliverSm(0, ShortMessage.of(source, destination, dataCoding, OctetString.wrap(userData))
                    .withEsmClass(ESM_CLASS_UDHI)));
        }
        if (mo.outOfOrder()) {
            for (int i = messages.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                messages.set(i, messages.set(j, messages.get(i)));
            }
        }
        return messages;
    }

    /** Part {@code part} of {@code parts}: the text cut into equal slices (on 2-octet units for UCS-2), at most 134 octets. */
    private static byte[] chunk(byte[] text, int part, int parts, boolean twoOctetUnits) {
        int unit = twoOctetUnits ? 2 : 1;
        int units = text.length / unit;
        int per = Math.max(1, Math.min(PART_OCTETS / unit, (units + parts - 1) / parts));
        int from = Math.min(units, (part - 1) * per) * unit;
        int to = Math.min(units, part * per) * unit;
        return java.util.Arrays.copyOfRange(text, from, to);
    }

    private static byte[] encode(String text, MoTraffic.Encoding encoding) {
        return switch (encoding) {
            case GSM7 -> text.getBytes(StandardCharsets.US_ASCII);
            case LATIN1 -> text.getBytes(StandardCharsets.ISO_8859_1);
            case UCS2 -> text.getBytes(StandardCharsets.UTF_16BE);
        };
    }

    private String fill(String pattern) {
        StringBuilder address = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            address.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
        }
        String filled = address.toString();
        return filled.startsWith("+") ? filled.substring(1) : filled;
    }
}
