package io.tipring.sip.internal.call;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's listener: finds the call each message belongs to and queues it there, or answers it on the spot when
 * it belongs to none (OPTIONS probes, requests for unknown dialogs, methods tipring does not serve).
 * <p>
 * It runs on the stack's threads and does only what must happen at once: a server transaction is created
 * here, so that a retransmitted request is absorbed by it instead of reaching a call twice; everything else runs
 * on the call's own executor.
 */
final class SipDispatcher implements SipListenerExt {

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    private final CallContext context;
    private final SipMessages sip;
    private final CallRegistry calls;

    SipDispatcher(CallContext context) {
        this.context = context;
        this.sip = context.sip;
        this.calls = context.registry;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            String callId = SipMessages.callId(request);
            String toTag = SipMessages.toTag(request);
            if (Request.ACK.equals(request.getMethod())) {
                SipCall call = calls.inDialog(callId, toTag);
                if (call != null) {
                    call.submit(() -> call.onAck(request));
                }
                return; // an ACK to a non-2xx final response is absorbed by its transaction
            }
            ServerTransaction transaction = event.getServerTransaction() != null
                    ? event.getServerTransaction() : sip.provider.getNewServerTransaction(request);
            if (toTag != null) {
                inDialog(request, transaction, calls.inDialog(callId, toTag));
                return;
            }
            switch (request.getMethod()) {
                case Request.INVITE -> newCall(request, transaction);
                case Request.CANCEL -> cancel(request, transaction, calls.inbound(callId));
                case Request.OPTIONS -> transaction.sendResponse(capabilities(request));
                case Request.BYE, Request.INFO, Request.NOTIFY -> transaction.sendResponse(
                        sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                default -> {
                    Response notAllowed = sip.response(Response.METHOD_NOT_ALLOWED, request);
                    notAllowed.addHeader(sip.allow());
                    transaction.sendResponse(notAllowed);
                }
            }
        } catch (TransactionAlreadyExistsException retransmission) {
            LOG.debug("retransmitted {} ignored", request.getMethod());
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("Could not answer SIP {}: {}", request.getMethod(), e.getMessage());
        }
    }

    private void inDialog(Request request, ServerTransaction transaction, SipCall call)
            throws SipException, ParseException, InvalidArgumentException {
        if (call == null) {
            if (Request.OPTIONS.equals(request.getMethod())) {
                transaction.sendResponse(capabilities(request));
            } else {
                transaction.sendResponse(sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            }
            return;
        }
        call.submit(() -> call.onRequest(request, transaction));
    }

    private void newCall(Request request, ServerTransaction transaction)
            throws SipException, ParseException, InvalidArgumentException {
        List<String> required = requiredExtensions(request);
        if (!required.isEmpty()) {
            Response unsupported = sip.response(Response.BAD_EXTENSION, request);
            for (String extension : required) {
                unsupported.addHeader(sip.headers.createUnsupportedHeader(extension));
            }
            transaction.sendResponse(unsupported);
            return;
        }
        if (context.services.inboundCalls() == null || context.services.mediaSessions() == null) {
            transaction.sendResponse(sip.response(Response.TEMPORARILY_UNAVAILABLE, request));
            return;
        }
        InboundCall call = new InboundCall(context, request, transaction);
        if (!calls.add(call)) {
            transaction.sendResponse(sip.response(Response.LOOP_DETECTED, request));
            return;
        }
        transaction.sendResponse(sip.response(Response.TRYING, request));
        call.submit(call::start);
    }

    /** @return the extensions the request requires; tipring supports none (no 100rel, no session timers) */
    private static List<String> requiredExtensions(Request request) {
        List<String> required = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(RequireHeader.NAME);
        while (headers != null && headers.hasNext()) {
            String tag = ((RequireHeader) headers.next()).getOptionTag();
            if (tag != null && !tag.isBlank()) {
                required.add(tag.strip());
            }
        }
        return required;
    }

    private void cancel(Request cancel, ServerTransaction transaction, InboundCall call)
            throws SipException, ParseException, InvalidArgumentException {
        if (call == null || !call.isCancelledBy(cancel)) {
            transaction.sendResponse(sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel));
            return;
        }
        transaction.sendResponse(sip.response(Response.OK, cancel));
        call.submit(call::onCancel);
    }

    private Response capabilities(Request request) throws ParseException {
        Response ok = sip.response(Response.OK, request);
        ok.addHeader(sip.allow());
        ok.addHeader(sip.acceptSdp());
        return ok;
    }

    /**
     * Responses go to the call whose tag is in their {@code From}: tipring sent the request, outbound (the INVITE,
     * BYE, CANCEL, REFER) or inbound (BYE, REFER within the dialog the far end began).
     */
    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        SipCall call = calls.inDialog(SipMessages.callId(response), SipMessages.fromTag(response));
        if (call == null) {
            LOG.debug("SIP response {} for no call of tipring's dropped", response.getStatusCode());
            return;
        }
        call.submit(() -> call.onResponse(event));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return; // a final response that was never acknowledged: the call has ended already
        }
        ClientTransaction transaction = event.getClientTransaction();
        SipCall call = calls.inDialog(SipMessages.callId(transaction.getRequest()),
                SipMessages.fromTag(transaction.getRequest()));
        if (call != null) {
            call.submit(() -> call.onTimeout(transaction));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        String detail = "SIP transport failure towards " + event.getHost() + ":" + event.getPort() + " ("
                + event.getTransport() + ")";
        if (event.getSource() instanceof ClientTransaction transaction && transaction.getRequest() != null) {
            SipCall call = calls.inDialog(SipMessages.callId(transaction.getRequest()),
                    SipMessages.fromTag(transaction.getRequest()));
            if (call != null) {
                call.submit(() -> call.onTransportFailure(transaction, detail));
                return;
            }
        }
        LOG.info(detail);
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        Dialog dialog = event.getDialog();
        if (event.getReason() != DialogTimeoutEvent.Reason.AckNotReceived || dialog == null) {
            LOG.debug("SIP dialog timeout {} ignored", event.getReason());
            return;
        }
        SipCall call = calls.inDialog(dialog.getCallId().getCallId(), dialog.getLocalTag());
        if (call != null) {
            call.submit(call::onAckTimeout);
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Calls keep no per-transaction state that needs clearing.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // A call's end is decided by its messages, not by JAIN-SIP's dialog bookkeeping.
    }
}
