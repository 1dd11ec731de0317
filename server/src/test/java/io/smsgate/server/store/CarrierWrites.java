package io.smsgate.server.store;

import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.RecordSubmission;
import java.time.Instant;
import java.util.Optional;

/**
 * A carrier's submit_sm_resp and receipts as the store tests write them when neither the client's receipt nor the
 * multipart rule is their subject: no client receipt ({@link ReceiptNotice#NONE}) and a multipart message's parts
 * combined under {@link MultipartReceipts#ALL_PARTS}, stated here once; production callers pass the carrier's own.
 */
final class CarrierWrites {

    /** The rule these writes combine a multipart message's receipts under. */
    static final MultipartReceipts RULE = MultipartReceipts.ALL_PARTS;

    private CarrierWrites() {
    }

    static RecordSubmission submission(MessageId messageId, String carrierId, String carrierMessageId, int partIndex,
                                       int partCount, Instant at) {
        return new RecordSubmission(messageId, carrierId, carrierMessageId, partIndex, partCount, at,
                ReceiptNotice.NONE, RULE);
    }

    static CorrelateReceipt receipt(String carrierId, String carrierMessageId, MessageStatus status,
                                    Optional<String> receiptStat, Optional<String> errorCode, Instant receivedAt) {
        return new CorrelateReceipt(carrierId, carrierMessageId, status, receiptStat, errorCode, receivedAt,
                ReceiptNotice.NONE, RULE);
    }
}
