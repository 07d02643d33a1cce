package io.tipring.sip.internal;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack log through slf4j. JAIN-SIP instantiates this class by name (property
 * {@code gov.nist.javax.sip.STACK_LOGGER}); without it JAIN-SIP needs log4j 1, which tipring does not ship.
 * <p>
 * JAIN-SIP logs its own defaults as warnings (no TLS keystore, thread priority) at every start; its info and
 * warnings are therefore one level lower here (DEBUG and INFO), its errors stay errors, except for a far end it
 * cannot connect to: that is an operational event which the call's own log line reports once ("ended: transport
 * failure"), while JAIN-SIP spreads it over five error lines, so those go to DEBUG. Its debug lines print whole
 * messages and the Authorization headers it computes, so every line is redacted first.
 */
public final class JainSipLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("io.tipring.sip.stack");
    private static final Logger MESSAGES = LoggerFactory.getLogger(SipMessageLogger.LOGGER);
    /** The lines JAIN-SIP writes when it cannot connect to or send to a far end (1.3.0-91). */
    private static final Pattern UNREACHABLE_FAR_END = Pattern.compile(
            "^(Problem connecting |Problem sending: |Could not connect to |Error is\\s*$|\\{\\}$)");

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int level) {
        if (isLoggingEnabled(level)) {
            LOG.debug("stack trace", new Throwable("stack trace requested by JAIN-SIP"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable failure) {
        LOG.warn("JAIN-SIP", failure);
    }

    @Override
    public void logDebug(String message) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(LogRedaction.redact(message));
        }
    }

    @Override
    public void logDebug(String message, Exception failure) {
        LOG.debug(LogRedaction.redact(message), failure);
    }

    @Override
    public void logTrace(String message) {
        if (LOG.isTraceEnabled()) {
            LOG.trace(LogRedaction.redact(message));
        }
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(LogRedaction.redact(message));
    }

    @Override
    public void logError(String message) {
        if (isUnreachableFarEnd(message)) {
            LOG.debug(LogRedaction.redact(message));
        } else {
            LOG.error(LogRedaction.redact(message));
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return switch (level) {
            case TRACE_TRACE -> LOG.isTraceEnabled();
            case TRACE_DEBUG -> LOG.isDebugEnabled();
            // TRACE_MESSAGES has TRACE_INFO's value: it lets JAIN-SIP hand every message to SipMessageLogger.
            case TRACE_INFO -> LOG.isDebugEnabled() || MESSAGES.isDebugEnabled();
            case TRACE_WARN -> LOG.isInfoEnabled();
            case TRACE_NONE -> false;
            default -> LOG.isErrorEnabled();
        };
    }

    @Override
    public void logError(String message, Exception failure) {
        if (isUnreachableFarEnd(message)) {
            LOG.debug(LogRedaction.redact(message), failure);
        } else {
            LOG.error(LogRedaction.redact(message), failure);
        }
    }

    static boolean isUnreachableFarEnd(String message) {
        return message != null && UNREACHABLE_FAR_END.matcher(message).find();
    }

    @Override
    public void logWarning(String message) {
        LOG.info(LogRedaction.redact(message));
    }

    @Override
    public void logInfo(String message) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(LogRedaction.redact(message));
        }
    }

    @Override
    public void disableLogging() {
        // Levels are logback's to set (etc/logback.xml), not JAIN-SIP's.
    }

    @Override
    public void enableLogging() {
        // Levels are logback's to set (etc/logback.xml), not JAIN-SIP's.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // Nothing to read: slf4j is configured by logback.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
