package io.tipring.sip.internal.trunk;

import java.util.regex.Pattern;

/**
 * What may be dialled and presented: a phone number or SIP user of up to 64 digits, letters and {@code * # . _ -},
 * with an optional leading {@code +}. Anything else would be a SIP URI of the client's making, so it is refused
 * with a message the API client can act on.
 */
public final class Destinations {

    private static final Pattern USER = Pattern.compile("[+]?[0-9A-Za-z*#._-]{1,64}");
    private static final int QUOTED_MAX = 40;

    private Destinations() {
    }

    /**
     * @param destination the number as the application gave it
     * @param trunk       the trunk it is dialled through
     * @return the user part of the request URI: the number after the trunk's stripPrefix and addPrefix
     * @throws IllegalArgumentException if {@code destination} is not a number or SIP user
     */
    public static String dialledUser(String destination, Trunk trunk) {
        String number = checked("destination", destination);
        if (!trunk.stripPrefix().isEmpty() && number.startsWith(trunk.stripPrefix())) {
            number = number.substring(trunk.stripPrefix().length());
        }
        number = trunk.addPrefix() + number;
        if (number.isEmpty()) {
            throw new IllegalArgumentException("destination '" + destination + "' is empty once the trunk's prefix is stripped");
        }
        return number;
    }

    /**
     * @param requested the caller id the request asks for, or {@code null}
     * @param trunk     the trunk the call goes through
     * @return the user part of From: the request's caller id, else the trunk's, else its account, else
     *         {@code tipring}
     * @throws IllegalArgumentException if the requested caller id is not a number or SIP user
     */
    public static String callerId(String requested, Trunk trunk) {
        if (requested != null && !requested.isBlank()) {
            return checked("callerId", requested);
        }
        if (!trunk.callerId().isEmpty()) {
            return trunk.callerId();
        }
        return trunk.username().isEmpty() ? "tipring" : trunk.username();
    }

    private static String checked(String field, String value) {
        String stripped = value.strip();
        if (!USER.matcher(stripped).matches()) {
            throw new IllegalArgumentException(field + " '" + quoted(stripped) + "' is not a phone number or SIP user: "
                    + "use 1-64 digits, letters or * # . _ - (a leading + is allowed)");
        }
        return stripped;
    }

    private static String quoted(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= QUOTED_MAX ? printable : printable.substring(0, QUOTED_MAX) + "...";
    }
}
