package io.tipring.sip.internal.call;

import io.tipring.api.leg.InboundCalls;
import io.tipring.api.leg.IncomingLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.MediaSessions;
import io.tipring.sip.internal.sdp.InvalidSdpException;
import io.tipring.sip.internal.sdp.Negotiation;
import io.tipring.sip.internal.sdp.SdpAnswer;
import io.tipring.sip.internal.sdp.SdpOffer;
import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Objects;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leg the far end places to tipring: the offer is negotiated and the RTP endpoint started before the call engine
 * sees the leg (180 Ringing goes out meanwhile), so that answering is only the 200 OK.
 * <p>
 * An INVITE without SDP (delayed offer) is served too: tipring offers in the 200 OK and takes the answer from the
 * ACK; such a leg counts as answered when the ACK's answer is agreed.
 */
final class InboundCall extends SipCall {

    private static final Logger LOG = LoggerFactory.getLogger(InboundCall.class);

    private enum Phase {
        /** The INVITE is being examined; the call engine has not seen the leg. */
        STARTING,
        /** 180 went out; the call engine decides. */
        OFFERED,
        /** 200 OK went out (JAIN-SIP retransmits it over UDP); the ACK is awaited. */
        CONFIRMING,
        /** The ACK came: the dialog is confirmed. */
        ANSWERED
    }

    private final Request invite;
    private final ServerTransaction inviteTransaction;
    private final String toTag = SipMessages.newTag();
    private final String from;
    private final String to;
    private final String transport;
    private Phase phase = Phase.STARTING;
    private SdpAnswer answer;
    private boolean hangupRequested;
    private String localHost;

    InboundCall(CallContext context, Request invite, ServerTransaction inviteTransaction) {
        super(context, SipMessages.callId(invite), null);
        this.invite = invite;
        this.inviteTransaction = inviteTransaction;
        this.from = SipMessages.user(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress());
        this.to = SipMessages.user(invite.getRequestURI());
        this.transport = SipMessages.transport(invite);
    }

    @Override
    String localTag() {
        return toTag;
    }

    @Override
    String direction() {
        return "inbound";
    }

    @Override
    String parties() {
        return "from " + (from.isEmpty() ? "(anonymous)" : from) + " to " + to;
    }

    @Override
    boolean established() {
        return phase == Phase.ANSWERED;
    }

    /** From the 200 OK on: the call engine sees the call connected then, and only re-INVITEs wait for the ACK. */
    @Override
    boolean answered() {
        return phase == Phase.CONFIRMING || phase == Phase.ANSWERED;
    }

    @Override
    String contactHost() {
        return localHost;
    }

    @Override
    String contactUser() {
        return null;
    }

    @Override
    String transport() {
        return transport;
    }

    /** @return whether {@code cancel} cancels this call's INVITE (same Via branch) */
    boolean isCancelledBy(Request cancel) {
        return Objects.equals(SipMessages.branch(cancel), SipMessages.branch(invite));
    }

    /** Negotiates the offer, opens and starts RTP, rings, and hands the leg to the call engine. */
    void start() {
        InboundCalls engine = context.services.inboundCalls();
        MediaSessions media = context.services.mediaSessions();
        codecs = currentCodecs();
        if (engine == null || media == null || codecs.isEmpty()) {
            refuse(Response.TEMPORARILY_UNAVAILABLE, "tipring takes no calls now");
            return;
        }
        InetAddress peer = SipMessages.source(invite, InetAddress.getLoopbackAddress());
        localHost = sip.advertisedHost(peer);
        try {
            rtp(media.openRtp());
        } catch (IOException | RuntimeException e) {
            LOG.info("SIP call {}: no RTP port: {}", callId(), e.getMessage());
            refuse(Response.TEMPORARILY_UNAVAILABLE, "no RTP port is free");
            return;
        }
        mediaHost = SipMessages.mediaHost(rtp().localAddress().getAddress(), localHost, peer);
        if (SipMessages.hasSdp(invite)) {
            try {
                answer = answer(SipMessages.body(invite));
            } catch (InvalidSdpException e) {
                refuse(Response.NOT_ACCEPTABLE_HERE, e.getMessage());
                return;
            }
            if (!(answer.negotiation() instanceof Negotiation.Agreed agreed)) {
                refuse(Response.NOT_ACCEPTABLE_HERE, ((Negotiation.Refused) answer.negotiation()).reason());
                return;
            }
            if (!startMedia(agreed.media())) {
                refuse(Response.NOT_ACCEPTABLE_HERE, "RTP could not start towards the offer's address");
                return;
            }
        }
        try {
            dialog = sip.provider.getNewDialog(inviteTransaction);
            Response ringing = sip.response(Response.RINGING, invite, toTag);
            ringing.addHeader(sip.contact(null, localHost, transport));
            inviteTransaction.sendResponse(ringing);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: could not ring: {}", callId(), e.getMessage());
            end(new LegEnding.TransportFailure("180 could not be sent: " + e.getMessage()));
            return;
        }
        phase = Phase.OFFERED;
        logStart();
        try {
            listener = engine.offer(new IncomingLeg(from, to, this));
        } catch (RuntimeException e) {
            LOG.warn("SIP call {}: the call engine failed to take the call", callId(), e);
            refuse(Response.TEMPORARILY_UNAVAILABLE, "the call engine failed");
        }
    }

    /** Declines the INVITE with a final response and ends the call (the call engine is told if it knows it). */
    private void refuse(int status, String reason) {
        try {
            Response refusal = sip.response(status, invite, toTag);
            inviteTransaction.sendResponse(status == Response.NOT_ACCEPTABLE_HERE ? sip.warn(refusal, reason) : refusal);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: could not answer the INVITE with {}: {}", callId(), status, e.getMessage());
        }
        end(new LegEnding.Rejected(status, reason));
    }

    @Override
    public void answer() {
        submit(this::onAnswer);
    }

    @Override
    public void hangup() {
        submit(() -> onHangup(Response.TEMPORARILY_UNAVAILABLE));
    }

    /**
     * Sends {@code sipStatus} with JAIN-SIP's reason phrase where {@link #hangup()} sends 480; once the 200 OK is out,
     * a hangup. The leg ends as {@link LegEnding.LocalHangup}, not {@link LegEnding.Rejected}: that one says the
     * far end refused the call, which the call engine records as hung up by the callee; here tipring refused, and the
     * engine, which asked for the status, records it as tipring's (the same as for a leg that can only hang up).
     */
    @Override
    public void reject(int sipStatus) {
        if (sipStatus < 400 || sipStatus > 699) {
            throw new IllegalArgumentException(sipStatus + " is not a final refusal status (400 to 699)");
        }
        submit(() -> onHangup(sipStatus));
    }

    private void onAnswer() {
        if (isEnded() || phase != Phase.OFFERED) {
            return;
        }
        String sdp;
        if (answer != null) {
            sdp = answer.sdp();
        } else {
            SdpOffer offer = offer();
            offerAwaitingAck = offer;
            sdp = offer.sdp();
        }
        try {
            inviteTransaction.sendResponse(okWithSdp(invite, sdp));
            sentSdp(sdp);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: 200 OK could not be sent: {}", callId(), e.getMessage());
            end(new LegEnding.TransportFailure("200 OK could not be sent: " + e.getMessage()));
            return;
        }
        phase = Phase.CONFIRMING;
        if (answer != null) {
            tell(LegListener::answered);
        }
    }

    /** @param refusal the final status the INVITE gets if it is not answered yet */
    private void onHangup(int refusal) {
        if (isEnded() || hangupRequested) {
            return;
        }
        hangupRequested = true;
        switch (phase) {
            case STARTING, OFFERED -> {
                try {
                    inviteTransaction.sendResponse(sip.response(refusal, invite, toTag));
                } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                    LOG.info("SIP call {}: {} could not be sent: {}", callId(), refusal, e.getMessage());
                }
                end(new LegEnding.LocalHangup());
            }
            case CONFIRMING -> {
                // RFC 3261 section 15: no BYE before the ACK (or its timeout); onAck sends it.
            }
            case ANSWERED -> {
                bye();
                end(new LegEnding.LocalHangup());
            }
        }
    }

    /** The caller's CANCEL (already answered 200 by the dispatcher): before the answer it ends the call with 487. */
    void onCancel() {
        if (isEnded() || phase != Phase.OFFERED) {
            return; // after the 200 OK, CANCEL changes nothing; the caller sends BYE
        }
        try {
            inviteTransaction.sendResponse(sip.response(Response.REQUEST_TERMINATED, invite, toTag));
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: 487 could not be sent: {}", callId(), e.getMessage());
        }
        end(new LegEnding.RemoteHangup());
    }

    @Override
    void onAck(Request ack) {
        if (phase != Phase.CONFIRMING) {
            super.onAck(ack);
            return;
        }
        phase = Phase.ANSWERED;
        if (isEnded()) {
            return;
        }
        if (answer == null) {
            SdpOffer offer = offerAwaitingAck;
            offerAwaitingAck = null;
            Negotiation negotiation = readAnswer(offer, ack);
            if (!(negotiation instanceof Negotiation.Agreed agreed)) {
                bye();
                end(new LegEnding.Rejected(Response.NOT_ACCEPTABLE_HERE, ((Negotiation.Refused) negotiation).reason()));
                return;
            }
            if (!startMedia(agreed.media())) {
                bye();
                end(new LegEnding.TransportFailure("RTP could not start"));
                return;
            }
            if (!hangupRequested) {
                tell(LegListener::answered);
            }
        }
        if (hangupRequested) {
            bye();
            end(new LegEnding.LocalHangup());
        }
    }

    @Override
    void onAckTimeout() {
        if (isEnded() || phase != Phase.CONFIRMING) {
            return;
        }
        phase = Phase.ANSWERED;
        bye();
        end(hangupRequested ? new LegEnding.LocalHangup() : new LegEnding.NoResponse());
    }

    @Override
    void shutdown() {
        if (isEnded()) {
            return;
        }
        switch (phase) {
            case STARTING, OFFERED -> {
                try {
                    inviteTransaction.sendResponse(sip.response(Response.SERVICE_UNAVAILABLE, invite, toTag));
                } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                    LOG.debug("SIP call {}: 503 could not be sent: {}", callId(), e.getMessage());
                }
            }
            case CONFIRMING, ANSWERED -> bye();
        }
        end(new LegEnding.TransportFailure("the SIP endpoint stopped"));
    }
}
