package io.tipring.sip.internal.call;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WarningHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The SIP stack's provider and message factories, with the headers every tipring message carries: who tipring is
 * ({@code User-Agent}, {@code Server}), what it allows, where it is reached ({@code Contact}, {@code Via}). The
 * factories are JAIN-SIP's implementations made directly, not through {@code SipFactory}, whose singleton would
 * outlive the bundle.
 */
final class SipMessages {

    /** Every method tipring answers; NOTIFY only within a dialog where tipring sent REFER. */
    static final List<String> ALLOWED = List.of(Request.OPTIONS, Request.INVITE, Request.ACK, Request.CANCEL,
            Request.BYE, Request.INFO, Request.NOTIFY);

    private static final String WILDCARD_V4 = "0.0.0.0";
    private static final String APPLICATION = "application";
    private static final String SDP = "sdp";
    private static final int MAX_FORWARDS = 70;
    /** RFC 3261 section 20.43: 399 is a miscellaneous warning; the text says what was wrong with the SDP. */
    private static final int MISCELLANEOUS_WARNING = 399;
    /** Any port will do: connecting a datagram socket sends nothing, it only asks the kernel for a route. */
    private static final int ROUTE_PROBE_PORT = 9;

    final SipProvider provider;
    final SipStackExt stack;
    final AddressFactory addresses = new AddressFactoryImpl();
    final HeaderFactory headers = new HeaderFactoryImpl();
    final MessageFactory messages = new MessageFactoryImpl();
    private final String userAgent;
    private final String listenHost;
    private final int listenPort;

    SipMessages(SipProvider provider, SipStackExt stack, String userAgent, String listenHost, int listenPort) {
        this.provider = provider;
        this.stack = stack;
        this.userAgent = userAgent;
        this.listenHost = listenHost;
        this.listenPort = listenPort;
    }

    /** @return a response to {@code request} with tipring's {@code Server} header */
    Response response(int status, Request request) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.addHeader(headers.createServerHeader(List.of(userAgent)));
        return response;
    }

    /**
     * @param toTag the tag tipring gives the dialog; set on every response but 100 (RFC 3261 section 8.2.6.2)
     * @return a response to {@code request} with tipring's {@code Server} header and {@code toTag}
     */
    Response response(int status, Request request, String toTag) throws ParseException {
        Response response = response(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > Response.TRYING && to.getTag() == null) {
            to.setTag(toTag);
        }
        return response;
    }

    /** @return {@code response} with a Warning that says why, for a refused offer or request */
    Response warn(Response response, String text) throws ParseException {
        try {
            String host = listenHost.equals(WILDCARD_V4) ? "tipring" : listenHost;
            WarningHeader warning = headers.createWarningHeader(host, MISCELLANEOUS_WARNING,
                    text.replace('"', '\'').replaceAll("\\p{Cntrl}", " "));
            response.addHeader(warning);
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
        return response;
    }

    /** @return {@code Contact: <sip:user@host:port;transport=...>} */
    ContactHeader contact(String user, String host, String transport) throws ParseException {
        SipURI uri = addresses.createSipURI(user == null || user.isEmpty() ? null : user, host);
        uri.setPort(listenPort);
        if (!transport.equalsIgnoreCase("udp")) {
            uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** @return a {@code Via} for a request tipring sends from {@code host}, asking for {@code rport} */
    ViaHeader via(String host, String transport) throws ParseException {
        try {
            ViaHeader via = headers.createViaHeader(host, listenPort, transport, null);
            via.setRPort();
            return via;
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    UserAgentHeader userAgent() throws ParseException {
        return headers.createUserAgentHeader(List.of(userAgent));
    }

    AllowHeader allow() throws ParseException {
        return headers.createAllowHeader(String.join(", ", ALLOWED));
    }

    AcceptHeader acceptSdp() throws ParseException {
        return headers.createAcceptHeader(APPLICATION, SDP);
    }

    /** Puts an SDP body into {@code message}. */
    void setSdp(Message message, String sdp) throws ParseException {
        ContentTypeHeader type = headers.createContentTypeHeader(APPLICATION, SDP);
        message.setContent(sdp.getBytes(StandardCharsets.US_ASCII), type);
    }

    /** @return a new From tag, unique enough across calls */
    static String newTag() {
        return Utils.getInstance().generateTag();
    }

    /** @return the address to put in Via, Contact and From for a peer at {@code peer}: the listening address,
     *         or when tipring listens on every interface, the one the kernel routes to the peer through */
    String advertisedHost(InetAddress peer) {
        if (!isWildcard(listenHost)) {
            return listenHost;
        }
        return routeTo(peer);
    }

    /**
     * @return the address for SDP's {@code c=}: the RTP port's own address, else (bound to every interface) the
     *         one SIP advertises to the same peer
     */
    static String mediaHost(InetAddress rtpAddress, String sipHost, InetAddress peer) {
        if (rtpAddress != null && !rtpAddress.isAnyLocalAddress()) {
            return rtpAddress.getHostAddress();
        }
        return isWildcard(sipHost) ? routeTo(peer) : sipHost;
    }

    /** @return the peer's address from a request's source, else {@code fallback} */
    static InetAddress source(Request request, InetAddress fallback) {
        if (request instanceof SIPRequest nist && nist.getRemoteAddress() != null) {
            return nist.getRemoteAddress();
        }
        return fallback;
    }

    static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static String fromTag(Message message) {
        return ((FromHeader) message.getHeader(FromHeader.NAME)).getTag();
    }

    static String toTag(Message message) {
        return ((ToHeader) message.getHeader(ToHeader.NAME)).getTag();
    }

    static long cseq(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    static String cseqMethod(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getMethod();
    }

    /** @return the top Via's branch, which ties a CANCEL to its INVITE */
    static String branch(Message message) {
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        return via == null ? null : via.getBranch();
    }

    /** @return the top Via's transport in lower case, e.g. {@code udp} */
    static String transport(Message message) {
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    }

    /** @return the body as text, or empty when there is none */
    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    /** @return the {@code application/*} subtype of the body, or empty when it is not application content */
    static String applicationSubtype(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (type == null || !APPLICATION.equalsIgnoreCase(type.getContentType())) {
            return "";
        }
        return type.getContentSubType();
    }

    /** @return whether the body is SDP (or there is a body without a type, which SIP peers mean as SDP) */
    static boolean hasSdp(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return false;
        }
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return type == null || (APPLICATION.equalsIgnoreCase(type.getContentType())
                && SDP.equalsIgnoreCase(type.getContentSubType()));
    }

    /** @return the user an address names: a SIP URI's user, a tel URL's number, else the display name, else empty */
    static String user(Address address) {
        if (address == null) {
            return "";
        }
        URI uri = address.getURI();
        String user = null;
        if (uri instanceof SipURI sip) {
            user = sip.getUser();
        } else if (uri instanceof TelURL tel) {
            user = tel.getPhoneNumber();
        }
        if (user == null || user.isEmpty()) {
            user = address.getDisplayName();
        }
        return user == null ? "" : user;
    }

    /** @return the user part of a request URI, or empty */
    static String user(URI uri) {
        if (uri instanceof SipURI sip && sip.getUser() != null) {
            return sip.getUser();
        }
        if (uri instanceof TelURL tel) {
            return tel.getPhoneNumber();
        }
        return "";
    }

    private static boolean isWildcard(String host) {
        return host.equals(WILDCARD_V4) || host.equals("::") || host.equals("[::]");
    }

    private static String routeTo(InetAddress peer) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(peer, ROUTE_PROBE_PORT);
            InetAddress local = probe.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                return local.getHostAddress();
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the host's own address below
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    int maxForwards() {
        return MAX_FORWARDS;
    }
}
