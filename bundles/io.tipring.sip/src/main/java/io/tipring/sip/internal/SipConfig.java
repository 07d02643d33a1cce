package io.tipring.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where tipring's SIP user agent listens (etc/io.tipring.sip.cfg). */
@ObjectClassDefinition(name = "tipring SIP", description = "The SIP user agent's listening address and transports.")
public @interface SipConfig {

    @AttributeDefinition(description = "The address SIP listens on; 0.0.0.0 for every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "The SIP port, for every transport.")
    int port() default 5060;

    @AttributeDefinition(description = "Comma-separated transports: udp, tcp.")
    String transports() default "udp,tcp";
}
