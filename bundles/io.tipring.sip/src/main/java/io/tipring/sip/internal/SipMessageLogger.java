package io.tipring.sip.internal;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every SIP message sent or received, at DEBUG on logger {@code io.tipring.sip.messages}: what sngrep would
 * show, for an operator who turns it on. JAIN-SIP instantiates this class by name
 * ({@code gov.nist.javax.sip.SERVER_LOGGER}). Authorization headers are logged without their values.
 */
public final class SipMessageLogger implements ServerLogger {

    static final String LOGGER = "io.tipring.sip.messages";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final ThreadLocal<SIPMessage> lastLogged = new ThreadLocal<>();

    @Override
    public void closeLogFile() {
        // slf4j owns the files.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    @Override
    public void logException(Exception failure) {
        LOG.debug("SIP message failure", failure);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // Nothing to read: slf4j is configured by logback.
    }

    @Override
    public void setSipStack(SipStack stack) {
        // The messages carry all this logger prints.
    }

    private void log(SIPMessage message, String from, String to, boolean sent) {
        // JAIN-SIP reports some received messages twice (from the channel and from the transaction): once is enough.
        if (LOG.isDebugEnabled() && lastLogged.get() != message) {
            lastLogged.set(message);
            LOG.debug("{} {} -> {}\n{}", sent ? "sent" : "received", from, to, LogRedaction.redact(message.encode()));
        }
    }
}
