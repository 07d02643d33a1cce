package io.tipring.sip.internal.trunk;

import java.util.regex.Pattern;

/**
 * What may be dialled and presented through a trunk: a phone number or SIP user of up to 64 digits, letters and
 * {@code * # . _ -}, with an optional leading {@code +}. A SIP URI is not dialled through a trunk: the SIP user agent
 * calls it directly, after its own checks; anything else is refused with a message the API client can act on.
 */
public final class Destinations {

    private static final Pattern USER = Pattern.compile("[+]?[0-9A-Za-z*#._-]{1,64}");
    private static final int QUOTED_MAX = 40;

    private Destinations() {
    }

    /**
     * @param destination what an application asked to call, or {@code null}
     * @return whether it is meant as a SIP URI ({@code sip:} or {@code sips:}), to be dialled directly
     */
    public static boolean isSipUri(String destination) {
        if (destination == null) {
            return false;
        }
        String text = destination.strip();
        return text.regionMatches(true, 0, "sip:", 0, 4) || text.regionMatches(true, 0, "sips:", 0, 5);
    }

    /** @return whether {@code value} is a phone number or SIP user as {@link #dialledUser} accepts one */
    public static boolean isUser(String value) {
        return value != null && USER.matcher(value.strip()).matches();
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
            return callerUser(requested);
        }
        if (!trunk.callerId().isEmpty()) {
            return trunk.callerId();
        }
        return trunk.username().isEmpty() ? "tipring" : trunk.username();
    }

    /**
     * @param requested a caller id as a request gives it
     * @return it, stripped
     * @throws IllegalArgumentException if it is not a number or SIP user
     */
    public static String callerUser(String requested) {
        return checked("callerId", requested);
    }

    private static String checked(String field, String value) {
        String stripped = value.strip();
        if (!USER.matcher(stripped).matches()) {
            throw new IllegalArgumentException(field + " '" + quoted(stripped) + "' is not a phone number or SIP user: "
                    + "use 1-64 digits, letters or * # . _ - (a leading + is allowed), or a SIP URI sip:user@host");
        }
        return stripped;
    }

    private static String quoted(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= QUOTED_MAX ? printable : printable.substring(0, QUOTED_MAX) + "...";
    }
}
