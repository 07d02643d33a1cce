package io.tipring.sip.internal;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the SIP requests that reach tipring. OPTIONS is answered with what tipring supports, so that
 * proxies and load balancers (Kamailio's dispatcher) can probe it. Calls are not served by this bundle yet:
 * an INVITE is declined with 480, and a request for a dialog tipring does not have gets 481.
 */
final class SipRequestHandler implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipRequestHandler.class);
    private static final List<String> ALLOWED = List.of(Request.OPTIONS, Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE);

    private final SipProvider provider;
    private final String userAgent;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    SipRequestHandler(SipProvider provider, String userAgent) {
        this.provider = provider;
        this.userAgent = userAgent;
        this.messages = new MessageFactoryImpl();
        this.headers = new HeaderFactoryImpl();
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return; // an ACK to a final response is absorbed by its transaction; there is nothing to answer
        }
        try {
            ServerTransaction transaction = event.getServerTransaction() != null
                    ? event.getServerTransaction() : provider.getNewServerTransaction(request);
            switch (request.getMethod()) {
                case Request.OPTIONS -> transaction.sendResponse(capabilities(request));
                case Request.INVITE -> transaction.sendResponse(response(Response.TEMPORARILY_UNAVAILABLE, request));
                case Request.BYE, Request.CANCEL -> transaction.sendResponse(
                        response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                default -> {
                    Response notAllowed = response(Response.METHOD_NOT_ALLOWED, request);
                    notAllowed.addHeader(headers.createAllowHeader(String.join(", ", ALLOWED)));
                    transaction.sendResponse(notAllowed);
                }
            }
        } catch (TransactionAlreadyExistsException retransmission) {
            LOG.debug("retransmitted {} ignored", request.getMethod());
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("Could not answer SIP {}: {}", request.getMethod(), e.getMessage());
        }
    }

    private Response capabilities(Request request) throws ParseException {
        Response ok = response(Response.OK, request);
        ok.addHeader(headers.createAllowHeader(String.join(", ", ALLOWED)));
        ok.addHeader(headers.createAcceptHeader("application", "sdp"));
        return ok;
    }

    private Response response(int status, Request request) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.addHeader(headers.createServerHeader(List.of(userAgent)));
        return response;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // tipring sends no requests yet.
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("SIP transaction timed out");
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.info("SIP transport failure towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Transactions need no clean-up of tipring's.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // tipring keeps no dialogs yet.
    }
}
