package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** One dest_address of submit_multi (SMPP 3.4 §4.5.1.1): an SME address (dest_flag 1) or a distribution list (2). */
public sealed interface DestinationAddress {

    int DEST_FLAG_SME = 1;
    int DEST_FLAG_DISTRIBUTION_LIST = 2;

    int destFlag();

    /** dest_flag 1: an SME address, at most 20 characters. */
    record Sme(Address address) implements DestinationAddress {
        public Sme {
            Fields.address("destination_addr", address, FieldLimits.SM_ADDRESS);
        }

        @Override
        public int destFlag() {
            return DEST_FLAG_SME;
        }
    }

    /** dest_flag 2: the name of a distribution list held by the MC. */
    record DistributionList(String name) implements DestinationAddress {
        public DistributionList {
            requireNonNull(name, "dl_name");
            Fields.cString("dl_name", name, FieldLimits.DL_NAME);
        }

        @Override
        public int destFlag() {
            return DEST_FLAG_DISTRIBUTION_LIST;
        }
    }
}
