package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a carrier rate deck in the common CSV shape (RFC 4180 quoting): a header row naming the columns, then
 * one line per destination, e.g. {@code prefix,country,network,rate,effective date}. Lines that cannot be used are
 * reported with their line number and reason, never dropped silently.
 *
 * <p>Columns are found by header name, case, spaces, '_' and '-' ignored: prefix ({@code prefix}, {@code code},
 * {@code dial code}, {@code destination code}) or network ({@code mcc} and {@code mnc}, or {@code mcc mnc}); rate
 * ({@code rate}, {@code price}, {@code rate per sms}); and optionally {@code country}, {@code network}
 * ({@code operator}), {@code effective date} ({@code effective from}, {@code start date}), {@code end date}
 * ({@code effective to}), {@code currency} and {@code tier} ({@code quality}). The delimiter is whichever of
 * {@code , ; TAB |} the header uses; with a delimiter other than ',', a decimal comma is accepted. Dates are ISO
 * ({@code 2026-01-15}, {@code 2026-01-15 10:00}, {@code 2026-01-15T10:00:00Z}), local ones read in the given zone.
 * Within a deck the last line for a prefix and effective date wins.
 */
public final class RateDeckCsv {
    /** Rates carry at most this many decimals: prices are held in millionths. */
    static final int MAX_DECIMALS = 6;

    private static final Map<String, String> COLUMN_ALIASES = Map.ofEntries(
            Map.entry("prefix", "prefix"), Map.entry("code", "prefix"), Map.entry("dialcode", "prefix"),
            Map.entry("destinationcode", "prefix"), Map.entry("dialingcode", "prefix"),
            Map.entry("mcc", "mcc"), Map.entry("mnc", "mnc"), Map.entry("mccmnc", "mccmnc"),
            Map.entry("rate", "rate"), Map.entry("price", "rate"), Map.entry("ratepersms", "rate"),
            Map.entry("country", "country"), Map.entry("countryname", "country"), Map.entry("destination", "country"),
            Map.entry("network", "network"), Map.entry("networkname", "network"), Map.entry("operator", "network"),
            Map.entry("effectivedate", "from"), Map.entry("effectivefrom", "from"), Map.entry("effective", "from"),
            Map.entry("startdate", "from"), Map.entry("enddate", "to"), Map.entry("effectiveto", "to"),
            Map.entry("currency", "currency"), Map.entry("tier", "tier"), Map.entry("quality", "tier"),
            Map.entry("qualitytier", "tier"));

    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

    /** A line that was not imported, and why. */
    public record RejectedLine(long lineNumber, String reason) {
        public RejectedLine {
            requireNonNull(reason, "reason");
        }
    }

    /** The lines read, the lines rejected, and how many data lines the deck had. */
    public record Result(List<RateLine> lines, List<RejectedLine> rejected, long dataLines) {
        public Result {
            lines = List.copyOf(lines);
            rejected = List.copyOf(rejected);
        }

        /** The imported lines as one card version of {@code carrierId}. */
        public RateCard toCard(String carrierId, String currency, Instant effectiveFrom) {
            return RateCard.of(carrierId, currency, effectiveFrom, lines);
        }
    }

    private RateDeckCsv() {
    }

    /**
     * Parses a deck whose prices are in {@code currency} (a {@code currency} column, when present, must agree);
     * dates without an offset are read in {@code zone}.
     *
     * @throws IOException from the reader
     * @throws IllegalArgumentException when the header names no prefix or network column, or no rate column
     */
    public static Result parse(Reader reader, String currency, ZoneId zone) throws IOException {
        requireNonNull(currency, "currency");
        requireNonNull(zone, "zone");
        CsvReader csv = new CsvReader(reader);
        List<String> fields = new ArrayList<>();
        if (!csv.next(fields)) {
            throw new IllegalArgumentException("rate deck: empty (expected: a header row)");
        }
        Map<String, Integer> columns = columns(fields, csv.delimiter());
        Deck deck = new Deck(columns, csv.delimiter() != ',', currency, zone);
        List<RateLine> lines = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        long dataLines = 0;
        while (csv.next(fields)) {
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            dataLines++;
            try {
                lines.add(deck.line(fields));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rejected.add(new RejectedLine(csv.recordLine(), e.getMessage()));
            }
        }
        return new Result(lines, rejected, dataLines);
    }

    private static Map<String, Integer> columns(List<String> header, char delimiter) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-/]", "");
            String column = COLUMN_ALIASES.get(name.replace("\ufeff", ""));
            if (column != null) {
                columns.putIfAbsent(column, i);
            }
        }
        boolean network = columns.containsKey("mccmnc") || (columns.containsKey("mcc") && columns.containsKey("mnc"));
        if (!columns.containsKey("prefix") && !network) {
            throw new IllegalArgumentException("rate deck header: " + header
                    + " (expected: a prefix column, or mcc and mnc, delimiter '" + delimiter + "')");
        }
        if (!columns.containsKey("rate")) {
            throw new IllegalArgumentException("rate deck header: " + header + " (expected: a rate column)");
        }
        return columns;
    }

    /** Turns one record into a line, using interned names and dates so that a million lines share them. */
    private static final class Deck {
        private final int prefix;
        private final int mcc;
        private final int mnc;
        private final int mccMnc;
        private final int rate;
        private final int country;
        private final int network;
        private final int from;
        private final int to;
        private final int currencyColumn;
        private final int tier;
        private final int required;
        private final boolean decimalComma;
        private final String currency;
        private final ZoneId zone;
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, Optional<Instant>> dates = new HashMap<>();

        Deck(Map<String, Integer> columns, boolean decimalComma, String currency, ZoneId zone) {
            this.prefix = columns.getOrDefault("prefix", -1);
            this.mcc = columns.getOrDefault("mcc", -1);
            this.mnc = columns.getOrDefault("mnc", -1);
            this.mccMnc = columns.getOrDefault("mccmnc", -1);
            this.rate = columns.get("rate");
            this.country = columns.getOrDefault("country", -1);
            this.network = columns.getOrDefault("network", -1);
            this.from = columns.getOrDefault("from", -1);
            this.to = columns.getOrDefault("to", -1);
            this.currencyColumn = columns.getOrDefault("currency", -1);
            this.tier = columns.getOrDefault("tier", -1);
            this.required = Math.max(rate, Math.max(prefix, Math.max(mccMnc, Math.max(mcc, mnc))));
            this.decimalComma = decimalComma;
            this.currency = currency;
            this.zone = zone;
        }

        RateLine line(List<String> f) {
            if (f.size() <= required) {
                throw new IllegalArgumentException("fields: " + f.size() + " (expected: at least " + (required + 1) + ")");
            }
            String prefixText = prefix >= 0 ? digits(f.get(prefix)) : "";
            Optional<MccMnc> net = Optional.empty();
            if (prefixText.isEmpty()) {
                String text = mccMnc >= 0 ? f.get(mccMnc).trim()
                        : mcc >= 0 ? f.get(mcc).trim() + "-" + f.get(mnc).trim() : "";
                if (text.isEmpty() || text.equals("-")) {
                    throw new IllegalArgumentException("prefix: '' (expected: digits, or an MCC and MNC)");
                }
                net = Optional.of(MccMnc.parse(text));
            } else if (!Digits.isNumber(prefixText)) {
                throw new IllegalArgumentException("prefix: '" + f.get(prefix) + "' (expected: 1 to 15 digits)");
            }
            if (currencyColumn >= 0 && currencyColumn < f.size() && !f.get(currencyColumn).isBlank()
                    && !f.get(currencyColumn).trim().equalsIgnoreCase(currency)) {
                throw new IllegalArgumentException("currency: '" + f.get(currencyColumn).trim() + "' (expected: "
                        + currency + ")");
            }
            long micros = micros(f.get(rate).trim(), decimalComma);
            Optional<Instant> effectiveFrom = date(f, from, "effective date");
            Optional<Instant> effectiveTo = date(f, to, "end date");
            if (effectiveFrom.isPresent() && effectiveTo.isPresent() && !effectiveTo.get().isAfter(effectiveFrom.get())) {
                throw new IllegalArgumentException("end date: " + effectiveTo.get() + " (expected: after effective date "
                        + effectiveFrom.get() + ")");
            }
            OptionalInt tierValue = OptionalInt.empty();
            if (tier >= 0 && tier < f.size() && !f.get(tier).isBlank()) {
                String t = f.get(tier).trim();
                if (t.length() > 2 || !Digits.isNumber(t)) {
                    throw new IllegalArgumentException("tier: '" + t + "' (expected: 0..99)");
                }
                tierValue = OptionalInt.of(Integer.parseInt(t));
            }
            return new RateLine(prefixText, net, micros, effectiveFrom, effectiveTo, tierValue, name(f, country),
                    name(f, network));
        }

        private String name(List<String> f, int column) {
            if (column < 0 || column >= f.size()) {
                return "";
            }
            String value = f.get(column).trim();
            return names.computeIfAbsent(value, v -> v);
        }

        private Optional<Instant> date(List<String> f, int column, String field) {
            if (column < 0 || column >= f.size() || f.get(column).isBlank()) {
                return Optional.empty();
            }
            String text = f.get(column).trim();
            Optional<Instant> known = dates.get(text);
            if (known != null) {
                return known;
            }
            Optional<Instant> parsed = Optional.of(instant(text, field));
            dates.put(text, parsed);
            return parsed;
        }

        private Instant instant(String text, String field) {
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                }
                if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                    return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
                }
                return LocalDateTime.parse(text, LOCAL_DATE_TIME).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + ": '" + text
                        + "' (expected: yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss] or ISO 8601 with offset)", e);
            }
        }
    }

    /** Digits of a prefix as decks write it: spaces and a leading '+' dropped. */
    private static String digits(String text) {
        String t = text.trim();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        return t.indexOf(' ') >= 0 ? t.replace(" ", "") : t;
    }

    /** Parses a non-negative decimal rate into millionths without rounding. */
    static long micros(String text, boolean decimalComma) {
        long units = 0;
        long fraction = 0;
        int decimals = -1;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (decimals >= 0) {
                    if (++decimals > MAX_DECIMALS) {
                        throw new IllegalArgumentException("rate: '" + text + "' (expected: at most " + MAX_DECIMALS
                                + " decimals)");
                    }
                    fraction = fraction * 10 + (c - '0');
                } else {
                    units = units * 10 + (c - '0');
                    if (units > 1_000_000_000L) {
                        throw new IllegalArgumentException("rate: '" + text + "' (expected: < 1000000000)");
                    }
                }
                digits++;
            } else if ((c == '.' || (decimalComma && c == ',')) && decimals < 0) {
                decimals = 0;
            } else {
                throw new IllegalArgumentException("rate: '" + text + "' (expected: a non-negative decimal like 0.0125)");
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("rate: '" + text + "' (expected: a non-negative decimal like 0.0125)");
        }
        for (int d = Math.max(decimals, 0); d < MAX_DECIMALS; d++) {
            fraction *= 10;
        }
        return units * 1_000_000L + fraction;
    }

    /** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. */
    static final class CsvReader {
        private final Reader reader;
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private long line = 1;
        private long recordLine;
        private char delimiter;
        private final StringBuilder field = new StringBuilder();

        CsvReader(Reader reader) {
            this.reader = reader;
        }

        char delimiter() {
            return delimiter;
        }

        /** The physical line on which the last record began. */
        long recordLine() {
            return recordLine;
        }

        private int read() throws IOException {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private int peek() throws IOException {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position];
        }

        /** Reads the next record into {@code out}; false at the end of input. */
        boolean next(List<String> out) throws IOException {
            out.clear();
            int c = read();
            if (c < 0) {
                return false;
            }
            recordLine = line;
            if (delimiter == 0) {
                return header(c, out);
            }
            field.setLength(0);
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (c < 0) {
                    out.add(field.toString());
                    return true;
                }
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == delimiter) {
                    out.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    line++;
                    out.add(field.toString());
                    return true;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }

        /** Reads the header line raw, picks the delimiter it uses most outside quotes, then splits it. */
        private boolean header(int first, List<String> out) throws IOException {
            StringBuilder raw = new StringBuilder();
            int c = first;
            while (c >= 0 && c != '\n' && c != '\r') {
                raw.append((char) c);
                c = read();
            }
            if (c == '\r' && peek() == '\n') {
                read();
            }
            line++;
            char best = ',';
            int bestCount = 0;
            for (char candidate : new char[] {',', ';', '\t', '|'}) {
                int count = 0;
                boolean quoted = false;
                for (int i = 0; i < raw.length(); i++) {
                    char ch = raw.charAt(i);
                    if (ch == '"') {
                        quoted = !quoted;
                    } else if (ch == candidate && !quoted) {
                        count++;
                    }
                }
                if (count > bestCount) {
                    best = candidate;
                    bestCount = count;
                }
            }
            delimiter = best;
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < raw.length(); i++) {
                char ch = raw.charAt(i);
                if (ch == '"') {
                    if (quoted && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (ch == delimiter && !quoted) {
                    out.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(ch);
                }
            }
            out.add(f.toString());
            return true;
        }
    }
}
