package io.tipring.sip.internal.trunk;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One SIP trunk (etc/io.tipring.sip.trunk-&lt;name&gt;.cfg): where numbers are dialled and how tipring
 * authenticates there. The password is the private property {@code .password}: Configuration Admin keeps it, the
 * service registry never sees it.
 */
@ObjectClassDefinition(name = "tipring SIP trunk", description = "A SIP trunk that outbound calls are placed through.")
public @interface TrunkConfig {

    @AttributeDefinition(required = false,
            description = "The trunk's name, as API requests and TIPRING_TRUNK give it; defaults to the <name> of its file.")
    String name() default "";

    @AttributeDefinition(required = false, description = "The trunk's host name or address; a trunk without one cannot be used.")
    String host() default "";

    @AttributeDefinition(description = "The trunk's SIP port.")
    int port() default Trunk.DEFAULT_PORT;

    @AttributeDefinition(description = "The transport to the trunk: udp or tcp.")
    String transport() default "udp";

    @AttributeDefinition(required = false, description = "The account at the trunk, for digest authentication.")
    String username() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "The account's password.")
    String _password() default "";

    @AttributeDefinition(required = false, description = "The user name digest authentication uses, if not the account's.")
    String authUsername() default "";

    @AttributeDefinition(required = false, description = "Answer only challenges of this realm; any realm when empty.")
    String realm() default "";

    @AttributeDefinition(required = false,
            description = "The caller id (user part of From) when the request gives none; the account's when empty.")
    String callerId() default "";

    @AttributeDefinition(required = false, description = "A number that starts with this loses it before dialling.")
    String stripPrefix() default "";

    @AttributeDefinition(required = false, description = "Put in front of every number dialled (after stripPrefix).")
    String addPrefix() default "";

    @AttributeDefinition(required = false, description = "The codecs offered to this trunk, most preferred first, by "
            + "their SDP names, comma-separated (e.g. opus,G722,PCMU,PCMA): only these, of the codecs installed. Empty: "
            + "every codec installed, in tipring's default order (opus, G722, PCMU, PCMA, then any other).")
    String codecs() default "";
}
