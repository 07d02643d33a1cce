package io.tipring.sip.internal.call;

import java.text.ParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;

/**
 * The SIP URIs an application may give: a destination tipring calls directly, a caller that sets {@code From}, a
 * transfer target. Each is parsed with JAIN-SIP's own address factory, so what passes is what the stack will send,
 * and kept to what is safe to send on an application's word: printable ASCII, no headers embedded in the URI (they
 * would reach the far end unchecked), no {@code maddr} (it would send the request elsewhere than the URI's host),
 * and for a destination only the transports tipring listens on.
 */
final class SipUris {

    /** The longest URI taken: a destination is stored in the call's record, whose column holds 255 characters. */
    static final int MAX_LENGTH = 255;
    static final int DEFAULT_PORT = 5060;

    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");
    private static final int QUOTED_MAX = 60;

    private SipUris() {
    }

    /**
     * @param text       the destination as the application gave it, {@code sip:user@host[:port][;transport=tcp]}
     * @param addresses  JAIN-SIP's address factory
     * @param transports the transports tipring listens on
     * @return where to send the INVITE
     * @throws IllegalArgumentException if {@code text} is not such a URI, or asks for a transport tipring lacks
     */
    static DirectTarget destination(String text, AddressFactory addresses, List<String> transports) {
        SipURI uri = sipUri("destination", text, addresses);
        if (uri.isSecure()) {
            throw new IllegalArgumentException("destination '" + quoted(text) + "' is a sips: URI, which needs TLS; "
                    + "tipring's SIP speaks " + String.join(" and ", transports) + " only");
        }
        String transport = uri.getTransportParam() == null ? "udp" : uri.getTransportParam().toLowerCase(Locale.ROOT);
        if (!transports.contains(transport)) {
            throw new IllegalArgumentException("destination '" + quoted(text) + "' asks for transport " + transport
                    + ", which tipring does not listen on (TIPRING_SIP_TRANSPORTS)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
        return new DirectTarget(uri, uri.getUser(), uri.getHost(), port, transport);
    }

    /**
     * @param text      a caller given as a SIP URI, {@code sip:alice@example.com}
     * @param addresses JAIN-SIP's address factory
     * @return the caller: its URI becomes the URI of {@code From}
     * @throws IllegalArgumentException if {@code text} is not such a URI
     */
    static Caller caller(String text, AddressFactory addresses) {
        SipURI uri = sipUri("callerId", text, addresses);
        return new Caller(uri.getUser() == null ? "" : uri.getUser(), uri);
    }

    /**
     * @param text      a transfer target given as a URI: {@code sip:}, {@code sips:} or {@code tel:}
     * @param addresses JAIN-SIP's address factory
     * @return the URI for {@code Refer-To}
     * @throws IllegalArgumentException if {@code text} is not such a URI
     */
    static URI referTarget(String text, AddressFactory addresses) {
        String stripped = checkedText("transfer target", text);
        if (stripped.regionMatches(true, 0, "tel:", 0, 4)) {
            try {
                URI uri = addresses.createURI(stripped);
                if (uri instanceof TelURL tel && tel.getPhoneNumber() != null && !tel.getPhoneNumber().isEmpty()) {
                    return uri;
                }
            } catch (ParseException | RuntimeException e) {
                // refused below
            }
            throw new IllegalArgumentException("transfer target '" + quoted(text) + "' is not a tel: URI");
        }
        return sipUri("transfer target", stripped, addresses);
    }

    private static SipURI sipUri(String field, String text, AddressFactory addresses) {
        String stripped = checkedText(field, text);
        URI parsed;
        try {
            parsed = addresses.createURI(stripped);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException(field + " '" + quoted(text) + "' is not a SIP URI: "
                    + "use sip:user@host[:port][;transport=tcp]", e);
        }
        if (!(parsed instanceof SipURI uri) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(field + " '" + quoted(text) + "' is not a SIP URI: "
                    + "use sip:user@host[:port][;transport=tcp]");
        }
        Iterator<?> headers = uri.getHeaderNames();
        if (headers != null && headers.hasNext()) {
            throw new IllegalArgumentException(field + " '" + quoted(text) + "' carries SIP headers (?...), "
                    + "which tipring does not send");
        }
        if (uri.getMAddrParam() != null) {
            throw new IllegalArgumentException(field + " '" + quoted(text) + "' has a maddr parameter, "
                    + "which tipring does not follow");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(field + " '" + quoted(text) + "' has no port 1-65535");
        }
        boolean plain = stripped.regionMatches(true, 0, "sip:", 0, 4);
        boolean secure = stripped.regionMatches(true, 0, "sips:", 0, 5);
        if (plain == uri.isSecure() || secure != uri.isSecure()) {
            // The factory is lenient about what precedes the colon; only sip: and sips: are meant.
            throw new IllegalArgumentException(field + " '" + quoted(text) + "' is not a SIP URI");
        }
        return uri;
    }

    private static String checkedText(String field, String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (stripped.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " '" + quoted(stripped) + "' is longer than " + MAX_LENGTH
                    + " characters");
        }
        if (!PRINTABLE.matcher(stripped).matches()) {
            throw new IllegalArgumentException(field + " '" + quoted(stripped) + "' has spaces, control or non-ASCII "
                    + "characters; escape them (%XX) in a SIP URI");
        }
        return stripped;
    }

    /** @return {@code value} as it may be quoted back to the client: control characters replaced, shortened */
    static String quoted(String value) {
        String printable = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= QUOTED_MAX ? printable : printable.substring(0, QUOTED_MAX) + "...";
    }

    /**
     * Where a directly dialled call goes.
     *
     * @param uri       the request URI, as the application gave it
     * @param user      its user part, or {@code null}
     * @param host      its host
     * @param port      its port, 5060 when it gives none
     * @param transport {@code udp} or {@code tcp}
     */
    record DirectTarget(SipURI uri, String user, String host, int port, String transport) {
    }
}
