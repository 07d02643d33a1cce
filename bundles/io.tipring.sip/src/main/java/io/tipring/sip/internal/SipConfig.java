package io.tipring.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where tipring's SIP user agent listens, and the trunk it dials through by default (etc/io.tipring.sip.cfg). */
@ObjectClassDefinition(name = "tipring SIP", description = "The SIP user agent's listening address, transports and default trunk.")
public @interface SipConfig {

    @AttributeDefinition(description = "The address SIP listens on; 0.0.0.0 for every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "The SIP port, for every transport.")
    int port() default 5060;

    @AttributeDefinition(description = "Comma-separated transports: udp, tcp.")
    String transports() default "udp,tcp";

    @AttributeDefinition(required = false, description = "The trunk calls go through when the request names none: "
            + "a configured trunk's name, or an address host[:port][;transport=tcp] (no authentication).")
    String defaultTrunk() default "";

    @AttributeDefinition(description = "Whether applications may call SIP URIs (sip:user@host) directly, without a "
            + "trunk; off, only numbers are called, through trunks.")
    boolean directUris() default true;
}
