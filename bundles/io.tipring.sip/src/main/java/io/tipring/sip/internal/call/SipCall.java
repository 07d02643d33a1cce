package io.tipring.sip.internal.call;

import io.tipring.api.call.CallException;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.sip.internal.sdp.CodecPreference;
import io.tipring.sip.internal.sdp.InvalidSdpException;
import io.tipring.sip.internal.sdp.LocalMedia;
import io.tipring.sip.internal.sdp.MediaDirection;
import io.tipring.sip.internal.sdp.NegotiatedMedia;
import io.tipring.sip.internal.sdp.Negotiation;
import io.tipring.sip.internal.sdp.SdpAnswer;
import io.tipring.sip.internal.sdp.SdpOffer;
import io.tipring.sip.internal.trunk.Destinations;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP call leg, inbound or outbound: its dialog, its RTP endpoint and its SDP, and what both directions do
 * alike once the dialog exists (BYE, re-INVITE for hold and codec changes, INFO digits, OPTIONS, blind transfer
 * with REFER and the NOTIFYs that report it).
 * <p>
 * Everything a call does runs on its own {@link SerialExecutor}: the SIP stack's threads and the call engine only
 * {@link #submit} work, so the fields below are touched by one thread at a time and need no lock. The listener is
 * called from that executor too, never while holding anything, and {@link LegListener#ended} exactly once.
 */
abstract class SipCall implements CallLeg {

    /** One INFO line per call start and end. */
    static final Logger CALLS = LoggerFactory.getLogger("io.tipring.sip.calls");
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);
    private static final MediaChannel DETACHED = new DetachedMediaChannel();
    /** The status line of a {@code message/sipfrag} body (RFC 3420), as a transferee reports the transfer's call. */
    private static final Pattern SIPFRAG_STATUS = Pattern.compile("\\ASIP/2\\.0\\s+(\\d{3})\\s*([^\\r\\n]*)");
    private static final String REFER_EVENT = "refer";

    protected final CallContext context;
    protected final SipMessages sip;
    private final String callId;
    private final SerialExecutor actor;
    private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    private final long startedNanos = System.nanoTime();

    /** Read by the call engine's threads through {@link #media()}; written once, before the leg is handed out. */
    private volatile RtpEndpoint rtp;
    protected Dialog dialog;
    protected LegListener listener;
    /** The codecs of the call's first offer or answer: what later ones fall back to if none is left. */
    protected List<Codec> codecs = List.of();
    /** The only codecs this call may use, by name, most preferred first; empty for every codec, in the default order. */
    protected List<String> codecOrder = List.of();
    protected String mediaHost;
    private long sdpVersion = 1;
    private String lastSdp;
    /** An offer tipring sent in a 2xx (delayed offer), whose answer arrives in the ACK. */
    protected SdpOffer offerAwaitingAck;
    private boolean ended;
    private volatile boolean retired;
    /** The transfer under way, if any. */
    private Transfer transfer;
    /** Whether a REFER went out in this dialog, so that the NOTIFYs of its subscription are expected. */
    private boolean referred;

    SipCall(CallContext context, String callId, RtpEndpoint rtp) {
        this.context = context;
        this.sip = context.sip;
        this.callId = callId;
        this.rtp = rtp;
        this.actor = new SerialExecutor(context.threads);
    }

    final String callId() {
        return callId;
    }

    /** @return tipring's tag in the dialog: From's on an outbound call, To's on an inbound one */
    abstract String localTag();

    /** @return {@code inbound} or {@code outbound}, for the log */
    abstract String direction();

    /** @return who calls whom, for the log */
    abstract String parties();

    /** @return whether the dialog is confirmed, so that re-INVITEs may change its media */
    abstract boolean established();

    /** @return whether the call is answered, so that requests such as REFER may go out in its dialog */
    boolean answered() {
        return established();
    }

    /** @return the user tipring puts in its Contact for this call, or {@code null} */
    abstract String contactUser();

    /** @return the call's transport, {@code udp} or {@code tcp} */
    abstract String transport();

    /** Ends the call because the SIP endpoint stops: BYE, CANCEL or a final response as its state asks. */
    abstract void shutdown();

    @Override
    public final MediaChannel media() {
        RtpEndpoint endpoint = rtp;
        return endpoint != null ? endpoint.channel() : DETACHED;
    }

    /**
     * Queues {@code task} to run on this call's executor; a failing task is logged and disturbs no other call.
     *
     * @return whether it was queued: not once the endpoint stops
     */
    final boolean submit(Runnable task) {
        try {
            actor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("SIP call {}: {}", callId, e.toString(), e);
                }
            });
            return true;
        } catch (RejectedExecutionException stopping) {
            LOG.debug("SIP call {}: the endpoint is stopping, work dropped", callId);
            return false;
        }
    }

    final boolean isEnded() {
        return ended;
    }

    /** @return whether the call has ended and only lingers for late messages */
    final boolean isRetired() {
        return retired;
    }

    protected final RtpEndpoint rtp() {
        return rtp;
    }

    protected final void rtp(RtpEndpoint endpoint) {
        this.rtp = endpoint;
    }

    /**
     * Ends the call once: closes its RTP port, tells the listener (if the call engine has one) and logs the end.
     */
    protected final void end(LegEnding ending) {
        if (ended) {
            return;
        }
        ended = true;
        retired = true;
        failTransfer(CallException.Reason.UNAVAILABLE, "the call ended before the transfer completed");
        RtpEndpoint endpoint = rtp;
        if (endpoint != null) {
            try {
                endpoint.close();
            } catch (RuntimeException e) {
                LOG.debug("SIP call {}: closing RTP failed", callId, e);
            }
        }
        CALLS.info("SIP call {} {} {} ended: {} after {} ms", callId, direction(), parties(), describe(ending),
                (System.nanoTime() - startedNanos) / 1_000_000);
        LegListener told = listener;
        if (told != null) {
            try {
                told.ended(ending);
            } catch (RuntimeException e) {
                LOG.warn("SIP call {}: the call engine failed on its end", callId, e);
            }
        }
        context.retire(this);
    }

    protected final void logStart() {
        CALLS.info("SIP call {} {} {} started", callId, direction(), parties());
    }

    /** Tells the listener, if there is one and the call goes on; a failing listener does not stop the call. */
    protected final void tell(Consumer<LegListener> event) {
        LegListener told = listener;
        if (told != null && !ended) {
            try {
                event.accept(told);
            } catch (RuntimeException e) {
                LOG.warn("SIP call {}: the call engine failed on an event", callId, e);
            }
        }
    }

    // ---- requests within the dialog ----

    /** A request the far end sent within this call's dialog (the dispatcher has made its server transaction). */
    void onRequest(Request request, ServerTransaction transaction) {
        switch (request.getMethod()) {
            case Request.BYE -> {
                respond(transaction, Response.OK, request);
                if (!ended) {
                    onRemoteBye();
                }
            }
            case Request.INVITE -> onReinvite(request, transaction);
            case Request.INFO -> onInfo(request, transaction);
            case Request.OPTIONS -> respondCapabilities(transaction, request);
            case Request.CANCEL -> respond(transaction, Response.OK, request);
            case Request.NOTIFY -> onNotify(request, transaction);
            // REFER too: tipring does not let the far end transfer its calls (501, with what it allows).
            default -> respondNotImplemented(transaction, request);
        }
    }

    /** A response to a request of this call; the base serves REFER's, an outbound call also its INVITE's. */
    void onResponse(ResponseEvent event) {
        if (Request.REFER.equals(SipMessages.cseqMethod(event.getResponse()))) {
            onReferResponse(event);
        }
    }

    /** The far end hung up with BYE. */
    protected void onRemoteBye() {
        end(new LegEnding.RemoteHangup());
    }

    /** An ACK for a 2xx tipring sent; the default takes the answer to a delayed offer of a re-INVITE. */
    void onAck(Request ack) {
        SdpOffer offer = offerAwaitingAck;
        if (offer == null || ended) {
            return;
        }
        offerAwaitingAck = null;
        Negotiation negotiation = readAnswer(offer, ack);
        if (negotiation instanceof Negotiation.Agreed agreed) {
            startMedia(agreed.media());
        } else {
            LOG.info("SIP call {}: the ACK's answer to tipring's re-offer is refused ({}); media unchanged", callId,
                    ((Negotiation.Refused) negotiation).reason());
        }
    }

    /** The far end's ACK for tipring's 2xx never came (JAIN-SIP's dialog timer, 64*T1). */
    void onAckTimeout() {
        // Only an inbound call waits for an ACK to its answer.
    }

    /** A client transaction of this call timed out; only an INVITE's ends a call (see OutboundCall). */
    void onTimeout(ClientTransaction transaction) {
        Transfer pending = transfer;
        if (pending != null && transaction == pending.refer) {
            failTransfer(CallException.Reason.UNAVAILABLE, "the far end did not answer the REFER");
        }
    }

    /** Sending a request of this call failed in the transport; only the INVITE's failure ends a call. */
    void onTransportFailure(ClientTransaction transaction, String detail) {
        Transfer pending = transfer;
        if (pending != null && transaction == pending.refer) {
            failTransfer(CallException.Reason.UNAVAILABLE, "the REFER could not be sent: " + detail);
        }
    }

    // ---- blind transfer (RFC 3515, RFC 5589 section 6) ----

    /**
     * Sends REFER on the call's executor; the stage completes when the far end's NOTIFY reports a 2xx, and fails
     * on a refused REFER, a failure status, no answer, or no final status within {@link CallContext#transferMillis}.
     */
    @Override
    public final CompletionStage<Void> transfer(String target) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (!submit(() -> startTransfer(target, result))) {
            result.completeExceptionally(new CallException(CallException.Reason.UNAVAILABLE,
                    "the SIP endpoint is stopping"));
        }
        return result;
    }

    private void startTransfer(String target, CompletableFuture<Void> result) {
        if (ended || !answered() || dialog == null) {
            result.completeExceptionally(new CallException(CallException.Reason.INVALID_REQUEST,
                    "the call is not connected"));
            return;
        }
        if (transfer != null) {
            result.completeExceptionally(new CallException(CallException.Reason.INVALID_REQUEST,
                    "a transfer is already under way"));
            return;
        }
        Address referTo;
        try {
            referTo = sip.addresses.createAddress(referTarget(target));
        } catch (IllegalArgumentException | ParseException e) {
            result.completeExceptionally(new CallException(CallException.Reason.INVALID_REQUEST, e.getMessage()));
            return;
        }
        try {
            Request refer = dialog.createRequest(Request.REFER);
            refer.addHeader(sip.headers.createReferToHeader(referTo));
            // The stack's Contact names the listening point only; tipring's own, as in its INVITE or 200, replaces it.
            refer.setHeader(sip.contact(contactUser(), contactHost(), transport()));
            refer.addHeader(sip.userAgent());
            ClientTransaction transaction = sip.provider.getNewClientTransaction(refer);
            Transfer pending = new Transfer(referTo.getURI().toString(), transaction, result);
            transfer = pending;
            referred = true;
            dialog.sendRequest(transaction);
            CALLS.info("SIP call {}: transferring to {}", callId, pending.target);
            context.later(this, context.transferMillis, () -> {
                if (transfer == pending) {
                    failTransfer(CallException.Reason.UNAVAILABLE, (pending.accepted
                            ? "the far end accepted the transfer but reported no result within "
                            : "the far end did not take the transfer within ") + context.transferMillis / 1000 + " s");
                }
            });
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.info("SIP call {}: REFER could not be sent: {}", callId, e.getMessage());
            failTransfer(CallException.Reason.UNAVAILABLE, "the REFER could not be sent: " + e.getMessage());
            if (!result.isDone()) {
                result.completeExceptionally(new CallException(CallException.Reason.UNAVAILABLE,
                        "the REFER could not be sent: " + e.getMessage()));
            }
        }
    }

    /**
     * @return the URI to refer to: a URI as given, or a number or user at the far end's own domain (the host of its
     *         address in the dialog), as a PBX resolves an extension
     */
    private URI referTarget(String target) throws ParseException {
        String text = target == null ? "" : target.strip();
        if (Destinations.isUser(text)) {
            if (dialog.getRemoteParty() != null && dialog.getRemoteParty().getURI() instanceof SipURI remote) {
                SipURI uri = sip.addresses.createSipURI(text, remote.getHost());
                if (remote.getPort() > 0) {
                    uri.setPort(remote.getPort());
                }
                return uri;
            }
            throw new IllegalArgumentException("the far end has no SIP address to transfer '" + text
                    + "' within; give a SIP URI");
        }
        return SipUris.referTarget(text, sip.addresses);
    }

    private void onReferResponse(ResponseEvent event) {
        Transfer pending = transfer;
        Response response = event.getResponse();
        if (pending == null || (event.getClientTransaction() != null && event.getClientTransaction() != pending.refer)
                || SipMessages.cseq(response) != SipMessages.cseq(pending.refer.getRequest())) {
            return;
        }
        int status = response.getStatusCode();
        if (status >= Response.OK && status < Response.MULTIPLE_CHOICES) {
            pending.accepted = true; // 202: the result comes in NOTIFYs
        } else if (status >= Response.MULTIPLE_CHOICES) {
            failTransfer(CallException.Reason.UNAVAILABLE, "the far end refused the transfer: " + status + " "
                    + response.getReasonPhrase());
        }
    }

    /**
     * A NOTIFY of the implicit subscription REFER made: each is answered 200 (RFC 3515 section 2.4.4), and its
     * {@code message/sipfrag} status line decides the transfer once it is final.
     */
    private void onNotify(Request request, ServerTransaction transaction) {
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null || !REFER_EVENT.equalsIgnoreCase(event.getEventType())) {
            respond(transaction, Response.BAD_EVENT, request);
            return;
        }
        if (!referred || ended) {
            respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request);
            return;
        }
        respond(transaction, Response.OK, request);
        Transfer pending = transfer;
        if (pending == null) {
            return; // a late NOTIFY of a transfer already decided
        }
        SubscriptionStateHeader state = (SubscriptionStateHeader) request.getHeader(SubscriptionStateHeader.NAME);
        boolean terminated = state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState());
        Matcher status = SIPFRAG_STATUS.matcher(new String(request.getRawContent() == null ? new byte[0]
                : request.getRawContent(), StandardCharsets.UTF_8).strip());
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            String reason = status.group(2).strip();
            if (code >= Response.OK && code < Response.MULTIPLE_CHOICES) {
                transfer = null;
                CALLS.info("SIP call {}: transferred to {} ({} {})", callId, pending.target, code, reason);
                pending.result.complete(null);
                return;
            }
            if (code >= Response.MULTIPLE_CHOICES) {
                failTransfer(CallException.Reason.UNAVAILABLE, "the transfer target answered " + code
                        + (reason.isEmpty() ? "" : " " + reason));
                return;
            }
        }
        if (terminated) {
            failTransfer(CallException.Reason.UNAVAILABLE, "the far end ended the transfer without a result");
        }
    }

    /** Fails the transfer under way, if any, and logs why. */
    private void failTransfer(CallException.Reason reason, String message) {
        Transfer pending = transfer;
        if (pending == null) {
            return;
        }
        transfer = null;
        CALLS.info("SIP call {}: transfer to {} failed: {}", callId, pending.target, message);
        pending.result.completeExceptionally(new CallException(reason, message));
    }

    /** A transfer under way: the REFER that asked for it and the stage its result completes. */
    private static final class Transfer {

        final String target;
        final ClientTransaction refer;
        final CompletableFuture<Void> result;
        boolean accepted;

        Transfer(String target, ClientTransaction refer, CompletableFuture<Void> result) {
            this.target = target;
            this.refer = refer;
            this.result = result;
        }
    }

    private void onReinvite(Request request, ServerTransaction transaction) {
        if (ended) {
            respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request);
            return;
        }
        if (!established()) {
            respond(transaction, Response.REQUEST_PENDING, request);
            return;
        }
        try {
            if (!SipMessages.hasSdp(request)) {
                SdpOffer offer = offer();
                Response ok = okWithSdp(request, offer.sdp());
                transaction.sendResponse(ok);
                sentSdp(offer.sdp());
                offerAwaitingAck = offer;
                return;
            }
            SdpAnswer answer = answer(SipMessages.body(request));
            if (!(answer.negotiation() instanceof Negotiation.Agreed agreed)) {
                String reason = ((Negotiation.Refused) answer.negotiation()).reason();
                LOG.info("SIP call {}: re-INVITE refused: {}", callId, reason);
                transaction.sendResponse(sip.warn(sip.response(Response.NOT_ACCEPTABLE_HERE, request), reason));
                return;
            }
            if (!startMedia(agreed.media())) {
                transaction.sendResponse(sip.warn(sip.response(Response.NOT_ACCEPTABLE_HERE, request),
                        "the media could not change"));
                return;
            }
            transaction.sendResponse(okWithSdp(request, answer.sdp()));
            sentSdp(answer.sdp());
        } catch (InvalidSdpException e) {
            LOG.info("SIP call {}: re-INVITE with unreadable SDP: {}", callId, e.getMessage());
            respondWarning(transaction, Response.NOT_ACCEPTABLE_HERE, request, e.getMessage());
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.info("SIP call {}: could not answer the re-INVITE: {}", callId, e.getMessage());
        }
    }

    private void onInfo(Request request, ServerTransaction transaction) {
        if (ended) {
            respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request);
            return;
        }
        String subtype = SipMessages.applicationSubtype(request);
        if (!DtmfInfo.understands(subtype)) {
            try {
                Response unsupported = sip.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
                unsupported.addHeader(sip.headers.createAcceptHeader("application", DtmfInfo.DTMF_RELAY));
                unsupported.addHeader(sip.headers.createAcceptHeader("application", DtmfInfo.DTMF));
                transaction.sendResponse(unsupported);
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.info("SIP call {}: could not answer an INFO: {}", callId, e.getMessage());
            }
            return;
        }
        Optional<DtmfInfo> digit = DtmfInfo.parse(subtype, SipMessages.body(request));
        if (digit.isEmpty()) {
            respondWarning(transaction, Response.BAD_REQUEST, request, "the INFO names no DTMF key");
            return;
        }
        respond(transaction, Response.OK, request);
        tell(told -> told.digitReceived(digit.get().digit(), digit.get().durationMillis()));
    }

    // ---- SDP and media ----

    /**
     * @return the codecs registered now, in this call's order: a re-INVITE offers and accepts what is installed at
     *         that moment, so that a codec bundle stopped during the call is not offered again
     */
    protected final List<Codec> currentCodecs() {
        return CodecPreference.order(context.services.codecs(), codecOrder);
    }

    /** @return what tipring brings to this call's SDP at session version {@code version} */
    private LocalMedia local(long version) {
        List<Codec> now = currentCodecs();
        return new LocalMedia(mediaHost, rtp.localAddress().getPort(), sdpSessionId, version,
                now.isEmpty() ? codecs : now, MediaDirection.SENDRECV);
    }

    /**
     * @return tipring's offer, under the last session version if it says the same as the last body sent, else under
     *         the next (RFC 3264 section 8)
     */
    protected final SdpOffer offer() {
        SdpOffer same = context.offers.offer(local(sdpVersion));
        return lastSdp == null || same.sdp().equals(lastSdp) ? same : context.offers.offer(local(sdpVersion + 1));
    }

    /** @return tipring's answer to {@code offer}, versioned as {@link #offer()} is */
    protected final SdpAnswer answer(String offer) throws InvalidSdpException {
        SdpAnswer same = context.negotiator.answer(offer, local(sdpVersion));
        if (lastSdp == null || same.sdp().equals(lastSdp) || !(same.negotiation() instanceof Negotiation.Agreed)) {
            return same;
        }
        return context.negotiator.answer(offer, local(sdpVersion + 1));
    }

    /** Records a body as sent, so that the next one knows its version. */
    protected final void sentSdp(String sdp) {
        if (lastSdp != null && !sdp.equals(lastSdp)) {
            sdpVersion++;
        }
        lastSdp = sdp;
    }

    /** @return the far end's answer to {@code offer} in {@code message}, or why it is refused */
    protected final Negotiation readAnswer(SdpOffer offer, Message message) {
        if (!SipMessages.hasSdp(message)) {
            return new Negotiation.Refused("no SDP answer");
        }
        try {
            return context.negotiator.readAnswer(offer, SipMessages.body(message));
        } catch (InvalidSdpException e) {
            return new Negotiation.Refused(e.getMessage());
        }
    }

    /** Starts (or re-starts) the RTP endpoint with what SDP settled; false if the media engine refused it. */
    protected final boolean startMedia(NegotiatedMedia media) {
        try {
            rtp.start(MediaParameters.of(media));
            return true;
        } catch (UnknownHostException | RuntimeException e) {
            LOG.info("SIP call {}: RTP could not start towards {}:{}: {}", callId, media.remoteAddress(),
                    media.remotePort(), e.getMessage());
            return false;
        }
    }

    // ---- sending ----

    protected final Response okWithSdp(Request request, String sdp) throws ParseException {
        Response ok = sip.response(Response.OK, request, localTag());
        ok.addHeader(sip.contact(null, contactHost(), SipMessages.transport(request)));
        ok.addHeader(sip.allow());
        sip.setSdp(ok, sdp);
        return ok;
    }

    /** @return the host tipring puts in its Contact for this call */
    abstract String contactHost();

    protected final void respond(ServerTransaction transaction, int status, Request request) {
        try {
            transaction.sendResponse(sip.response(status, request, localTag()));
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: could not answer {} with {}: {}", callId, request.getMethod(), status, e.getMessage());
        }
    }

    protected final void respondWarning(ServerTransaction transaction, int status, Request request, String warning) {
        try {
            transaction.sendResponse(sip.warn(sip.response(status, request, localTag()), warning));
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: could not answer {} with {}: {}", callId, request.getMethod(), status, e.getMessage());
        }
    }

    private void respondCapabilities(ServerTransaction transaction, Request request) {
        try {
            Response ok = sip.response(Response.OK, request, localTag());
            ok.addHeader(sip.allow());
            ok.addHeader(sip.acceptSdp());
            transaction.sendResponse(ok);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: could not answer OPTIONS: {}", callId, e.getMessage());
        }
    }

    private void respondNotImplemented(ServerTransaction transaction, Request request) {
        try {
            Response refused = sip.response(Response.NOT_IMPLEMENTED, request, localTag());
            refused.addHeader(sip.allow());
            transaction.sendResponse(refused);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("SIP call {}: could not answer {}: {}", callId, request.getMethod(), e.getMessage());
        }
    }

    /** Sends BYE in the dialog; a failure is logged, since the call ends either way. */
    protected final void bye() {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            bye.addHeader(sip.userAgent());
            ClientTransaction transaction = sip.provider.getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.info("SIP call {}: BYE could not be sent: {}", callId, e.getMessage());
        }
    }

    private static String describe(LegEnding ending) {
        return switch (ending) {
            case LegEnding.Rejected rejected -> "rejected " + rejected.status() + " " + rejected.reason();
            case LegEnding.RemoteHangup remote -> "remote hangup";
            case LegEnding.LocalHangup local -> "local hangup";
            case LegEnding.NoResponse none -> "no response";
            case LegEnding.TransportFailure failure -> "transport failure: " + failure.detail();
        };
    }
}
