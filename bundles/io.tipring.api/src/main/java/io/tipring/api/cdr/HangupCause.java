package io.tipring.api.cdr;

/**
 * Q.850 release causes, with the texts of the Outgoing Call API's hangup-cause table.
 * <p>
 * These are the causes the API documents; a cause outside this table is reported as {@link #UNKNOWN}.
 */
public enum HangupCause {
    UNKNOWN(0, "Call terminated - unknown reason"),
    UNALLOCATED_NUMBER(1, "Invalid destination number"),
    NORMAL_CLEARING(16, "Call completed successfully"),
    USER_BUSY(17, "Destination busy"),
    NO_USER_RESPONSE(18, "No response from destination"),
    NO_ANSWER(19, "Destination not answering"),
    CALL_REJECTED(21, "Call declined by user"),
    DESTINATION_OUT_OF_ORDER(27, "Service unavailable"),
    INVALID_NUMBER_FORMAT(28, "Invalid number format"),
    FACILITY_REJECTED(29, "Service not supported"),
    NO_CIRCUIT_AVAILABLE(34, "Network congestion"),
    NETWORK_OUT_OF_ORDER(38, "Network failure"),
    RESOURCE_UNAVAILABLE(44, "Resource unavailable"),
    SERVICE_NOT_IMPLEMENTED(58, "Service not implemented"),
    RECOVERY_ON_TIMER_EXPIRY(102, "Connection timeout"),
    INTERWORKING(127, "System error");

    private final int code;
    private final String text;

    HangupCause(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** @return the Q.850 cause value */
    public int code() {
        return code;
    }

    /** @return the text the API shows for this cause */
    public String text() {
        return text;
    }

    /**
     * @param code a Q.850 cause value
     * @return the cause with that code, or {@link #UNKNOWN} for a code outside the table
     */
    public static HangupCause ofCode(int code) {
        for (HangupCause c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
