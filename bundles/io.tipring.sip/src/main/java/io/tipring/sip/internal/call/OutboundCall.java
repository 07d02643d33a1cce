package io.tipring.sip.internal.call;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import io.tipring.api.call.SessionId;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.sip.internal.sdp.NegotiatedMedia;
import io.tipring.sip.internal.sdp.Negotiation;
import io.tipring.sip.internal.sdp.SdpOffer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leg tipring places, through a trunk or straight to a SIP URI: INVITE with tipring's SDP offer and the
 * application's extra headers, digest authentication when challenged (the call's own credentials, else the
 * trunk's), progress reported to the call engine, ACK for the 2xx, and CANCEL or BYE when the engine hangs up.
 * <p>
 * Hanging up before any response waits for the first provisional response before CANCEL, as RFC 3261 section 9.1
 * requires; if none ever comes, the INVITE's own timeout ends the leg. A 2xx that crosses a CANCEL, or arrives
 * after the leg ended, is acknowledged and ended with BYE at once.
 */
final class OutboundCall extends SipCall {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundCall.class);
    private static final String SESSION_HEADER = "X-Tipring-Session";
    /** A trunk that keeps challenging with new nonces is refused after this many answers. */
    private static final int MAX_CHALLENGES = 3;

    private enum Phase {
        /** The INVITE is being placed or is out with no response yet. */
        CALLING,
        /** A provisional response came: CANCEL is possible. */
        PROCEEDING,
        /** CANCEL is out; the INVITE's final response (487) ends the leg. */
        CANCELLING,
        /** The 2xx came and was acknowledged. */
        ANSWERED
    }

    private final OutboundRoute route;
    private final Caller caller;
    private final DigestCredentials credentials;
    private final List<Header> extraHeaders;
    private final SessionId sessionId;
    private final String fromTag = SipMessages.newTag();
    private final Set<String> answeredNonces = new HashSet<>();
    private Phase phase = Phase.CALLING;
    private boolean hangupRequested;
    private boolean ringingReported;
    private boolean earlyMediaReported;
    private ClientTransaction invite;
    private SdpOffer offer;
    private NegotiatedMedia earlyMedia;
    private Request ack;
    private String localHost;

    /**
     * @param route        where the INVITE goes
     * @param caller       who it is from
     * @param credentials  what answers challenges, or {@code null}
     * @param extraHeaders the application's headers, already checked
     */
    OutboundCall(CallContext context, String callId, OutboundRoute route, Caller caller, DigestCredentials credentials,
            List<Header> extraHeaders, SessionId sessionId, RtpEndpoint rtp, LegListener listener) {
        super(context, callId, rtp);
        this.route = route;
        this.caller = caller;
        this.credentials = credentials;
        this.extraHeaders = extraHeaders;
        this.sessionId = sessionId;
        this.listener = listener;
    }

    @Override
    String localTag() {
        return fromTag;
    }

    @Override
    String direction() {
        return "outbound";
    }

    @Override
    String parties() {
        String via = route.direct() != null ? " directly" : " via " + route.description();
        return "to " + (route.direct() != null ? route.description() : route.user()) + via + " (session "
                + sessionId.value() + ")";
    }

    @Override
    boolean established() {
        return phase == Phase.ANSWERED;
    }

    @Override
    String contactHost() {
        return localHost;
    }

    @Override
    String contactUser() {
        return caller.user();
    }

    @Override
    String transport() {
        return route.transport();
    }

    @Override
    public void answer() {
        // An outbound leg is answered by the far end.
    }

    @Override
    public void hangup() {
        submit(this::onHangup);
    }

    /** Places the INVITE: resolves the trunk or the URI's host, offers the RTP endpoint's address, sends. */
    void start() {
        if (isEnded()) {
            return;
        }
        logStart();
        InetAddress peer;
        try {
            peer = InetAddress.getByName(route.host());
        } catch (UnknownHostException e) {
            end(new LegEnding.TransportFailure((route.direct() != null ? "the SIP host " : "the SIP trunk's host ")
                    + route.host() + " does not resolve"));
            return;
        }
        codecOrder = route.codecs();
        codecs = currentCodecs();
        if (codecs.isEmpty()) {
            end(new LegEnding.TransportFailure("no codec is available to offer"
                    + (codecOrder.isEmpty() ? "" : " of " + String.join(",", codecOrder))));
            return;
        }
        localHost = sip.advertisedHost(peer);
        mediaHost = SipMessages.mediaHost(rtp().localAddress().getAddress(), localHost, peer);
        try {
            offer = offer();
            Request request = inviteRequest();
            invite = sip.provider.getNewClientTransaction(request);
            dialog = sip.provider.getNewDialog(invite);
            invite.sendRequest();
            sentSdp(offer.sdp());
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            end(new LegEnding.TransportFailure("the INVITE could not be sent: " + e.getMessage()));
        }
    }

    private Request inviteRequest() throws ParseException, InvalidArgumentException {
        SipURI requestUri = route.requestUri(sip.addresses);
        SipURI toUri = route.toUri(sip.addresses);
        SipURI fromUri = caller.fromUri(sip.addresses, localHost);
        FromHeader from = sip.headers.createFromHeader(sip.addresses.createAddress(fromUri), fromTag);
        ToHeader to = sip.headers.createToHeader(sip.addresses.createAddress(toUri), null);
        CSeqHeader cseq = sip.headers.createCSeqHeader(1L, Request.INVITE);
        ContentTypeHeader sdp = sip.headers.createContentTypeHeader("application", "sdp");
        Request request = sip.messages.createRequest(requestUri, Request.INVITE, sip.headers.createCallIdHeader(callId()),
                cseq, from, to, List.of(sip.via(localHost, route.transport())),
                sip.headers.createMaxForwardsHeader(sip.maxForwards()), sdp, offer.sdp());
        request.addHeader(sip.contact(caller.user(), localHost, route.transport()));
        request.addHeader(sip.userAgent());
        request.addHeader(sip.allow());
        request.addHeader(sip.headers.createHeader(SESSION_HEADER, sessionId.value()));
        for (Header header : extraHeaders) {
            request.addHeader((Header) header.clone());
        }
        return request;
    }

    private void onHangup() {
        if (isEnded() || hangupRequested) {
            return;
        }
        hangupRequested = true;
        switch (phase) {
            case CALLING -> {
                // CANCEL waits for the first provisional response (RFC 3261 section 9.1).
            }
            case PROCEEDING -> cancel();
            case CANCELLING -> {
                // Already cancelling.
            }
            case ANSWERED -> {
                bye();
                end(new LegEnding.LocalHangup());
            }
        }
    }

    private void cancel() {
        phase = Phase.CANCELLING;
        try {
            Request cancel = invite.createCancel();
            cancel.addHeader(sip.userAgent());
            sip.provider.getNewClientTransaction(cancel).sendRequest();
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.info("SIP call {}: CANCEL could not be sent: {}", callId(), e.getMessage());
            end(new LegEnding.LocalHangup());
            return;
        }
        // RFC 3261 section 9.1: without a final response 64*T1 after CANCEL, the INVITE counts as cancelled.
        context.later(this, CallContext.TRANSACTION_MILLIS, () -> {
            if (!isEnded() && phase == Phase.CANCELLING) {
                end(new LegEnding.LocalHangup());
            }
        });
    }

    @Override
    void shutdown() {
        if (isEnded()) {
            return;
        }
        switch (phase) {
            case PROCEEDING -> cancel();
            case ANSWERED -> bye();
            default -> {
                // CALLING: nothing to cancel yet; CANCELLING: already cancelled.
            }
        }
        end(new LegEnding.TransportFailure("the SIP endpoint stopped"));
    }

    /** A response to one of this call's requests. */
    @Override
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (!Request.INVITE.equals(SipMessages.cseqMethod(response))) {
            super.onResponse(event); // REFER; responses to BYE and CANCEL change nothing
            return;
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            onSuccess(event);
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        if (isEnded() || (transaction != null && transaction != invite)) {
            return; // a late response to the leg, or to an INVITE since re-sent with credentials
        }
        if (status < 200) {
            onProvisional(response);
        } else {
            onFailure(response);
        }
    }

    private void onProvisional(Response response) {
        if (phase == Phase.CALLING) {
            phase = Phase.PROCEEDING;
            if (hangupRequested) {
                cancel();
                return;
            }
        }
        if (phase != Phase.PROCEEDING) {
            return;
        }
        int status = response.getStatusCode();
        if (status == Response.RINGING) {
            reportRinging();
        } else if (status == Response.SESSION_PROGRESS) {
            if (SipMessages.hasSdp(response)
                    && readAnswer(offer, response) instanceof Negotiation.Agreed agreed && startMedia(agreed.media())) {
                earlyMedia = agreed.media();
                if (!earlyMediaReported) {
                    earlyMediaReported = true;
                    tell(LegListener::earlyMedia);
                }
            } else {
                reportRinging();
            }
        }
    }

    private void reportRinging() {
        if (!ringingReported && !earlyMediaReported) {
            ringingReported = true;
            tell(LegListener::ringing);
        }
    }

    private void onSuccess(ResponseEvent event) {
        Response response = event.getResponse();
        Dialog answered = event.getDialog();
        if (isEnded() || phase == Phase.ANSWERED) {
            if (!isEnded() && answered == dialog && ack != null) {
                resendAck(); // a 2xx retransmission the stack passed on
            } else {
                ackAndBye(answered, response); // a late fork, or a 2xx that crossed the leg's end
            }
            return;
        }
        if (answered == null) {
            end(new LegEnding.TransportFailure("the 2xx created no dialog"));
            return;
        }
        dialog = answered;
        try {
            ack = dialog.createAck(SipMessages.cseq(response));
            ack.addHeader(sip.userAgent());
            dialog.sendAck(ack);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: ACK could not be sent: {}", callId(), e.getMessage());
            bye();
            end(new LegEnding.TransportFailure("the ACK could not be sent: " + e.getMessage()));
            return;
        }
        if (hangupRequested) {
            bye(); // answered while tipring was cancelling: the 2xx won the race, so BYE ends it
            end(new LegEnding.LocalHangup());
            return;
        }
        Negotiation negotiation = SipMessages.hasSdp(response) || earlyMedia == null
                ? readAnswer(offer, response) : new Negotiation.Agreed(earlyMedia);
        if (!(negotiation instanceof Negotiation.Agreed agreed)) {
            String reason = ((Negotiation.Refused) negotiation).reason();
            bye();
            end(new LegEnding.Rejected(Response.NOT_ACCEPTABLE_HERE, reason));
            return;
        }
        if (!agreed.media().equals(earlyMedia) && !startMedia(agreed.media())) {
            bye();
            end(new LegEnding.TransportFailure("RTP could not start"));
            return;
        }
        phase = Phase.ANSWERED;
        tell(LegListener::answered);
    }

    private void resendAck() {
        try {
            dialog.sendAck(ack);
        } catch (SipException | RuntimeException e) {
            LOG.debug("SIP call {}: ACK could not be re-sent: {}", callId(), e.getMessage());
        }
    }

    private void ackAndBye(Dialog answered, Response response) {
        if (answered == null) {
            return;
        }
        try {
            Request lateAck = answered.createAck(SipMessages.cseq(response));
            answered.sendAck(lateAck);
            Request bye = answered.createRequest(Request.BYE);
            bye.addHeader(sip.userAgent());
            answered.sendRequest(sip.provider.getNewClientTransaction(bye));
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.info("SIP call {}: a late 2xx could not be ended: {}", callId(), e.getMessage());
        }
    }

    private void onFailure(Response response) {
        int status = response.getStatusCode();
        boolean challenge = status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
        if (challenge && !hangupRequested && authenticate(response)) {
            return;
        }
        if (hangupRequested && (status == Response.REQUEST_TERMINATED || challenge)) {
            end(new LegEnding.LocalHangup());
        } else {
            end(new LegEnding.Rejected(status, response.getReasonPhrase()));
        }
    }

    /**
     * Answers a digest challenge once: the INVITE goes again with credentials (CSeq + 1, a new branch). A second
     * challenge with a nonce already answered means the credentials are wrong.
     *
     * @return whether the INVITE was re-sent
     */
    private boolean authenticate(Response challenge) {
        if (credentials == null) {
            LOG.info("SIP call {}: {} challenged, but the call has no username and password", callId(),
                    route.description());
            return false;
        }
        String headerName = challenge.getStatusCode() == Response.UNAUTHORIZED
                ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME;
        WWWAuthenticateHeader header = (WWWAuthenticateHeader) challenge.getHeader(headerName);
        if (header == null || header.getNonce() == null) {
            return false;
        }
        if (!credentials.realm().isEmpty() && !credentials.realm().equals(header.getRealm())) {
            LOG.info("SIP call {}: {} challenged for realm '{}', not the credentials' realm '{}'", callId(),
                    route.description(), header.getRealm(), credentials.realm());
            return false;
        }
        if (!answeredNonces.add(header.getNonce()) || answeredNonces.size() > MAX_CHALLENGES) {
            LOG.info("SIP call {}: {} refused tipring's credentials", callId(), route.description());
            return false;
        }
        UserCredentials account = new Account(credentials, route.host());
        try {
            AuthenticationHelper helper = sip.stack.getAuthenticationHelper((transaction, realm) -> account, sip.headers);
            ClientTransaction retry = helper.handleChallenge(challenge, invite, sip.provider, 0, true);
            dialog = sip.provider.getNewDialog(retry);
            retry.sendRequest();
            invite = retry;
            phase = Phase.CALLING;
            return true;
        } catch (SipException | RuntimeException e) {
            LOG.info("SIP call {}: could not answer the challenge of {}: {}", callId(), route.description(),
                    e.getMessage());
            return false;
        }
    }

    @Override
    void onTimeout(ClientTransaction transaction) {
        super.onTimeout(transaction);
        if (!isEnded() && transaction == invite) {
            end(hangupRequested ? new LegEnding.LocalHangup() : new LegEnding.NoResponse());
        }
    }

    @Override
    void onTransportFailure(ClientTransaction transaction, String detail) {
        super.onTransportFailure(transaction, detail);
        if (!isEnded() && (transaction == null || transaction == invite) && phase != Phase.ANSWERED) {
            end(hangupRequested ? new LegEnding.LocalHangup() : new LegEnding.TransportFailure(detail));
        }
    }

    /** The call's digest credentials as JAIN-SIP asks for them; {@code toString} never shows the password. */
    private record Account(DigestCredentials credentials, String domain) implements UserCredentials {

        @Override
        public String getUserName() {
            return credentials.username();
        }

        @Override
        public String getPassword() {
            return credentials.password().reveal();
        }

        @Override
        public String getSipDomain() {
            return domain;
        }
    }
}
