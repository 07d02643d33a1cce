package io.tipring.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of {@code etc/io.tipring.iceservers.cfg}, in the words of WebRTC's {@code RTCIceServer} (and of
 * coturn's documentation): {@code urls}, {@code username}, {@code credential}. The TURN password is the private
 * property {@code .credential}: Configuration Admin keeps it, the service registry never sees it. (The {@code _}
 * in a method name stands for that dot.) Felix FileInstall passes a key left empty as an empty string, so a blank
 * value means "not set".
 */
@ObjectClassDefinition(
        name = "tipring ICE servers",
        description = "The STUN and TURN servers that GET /iceservers gives WebRTC clients; none when urls is empty.")
public @interface IceServersConfig {

    @AttributeDefinition(
            required = false,
            name = "Server URLs",
            description = "Comma-separated: stun:host[:port], stuns:host[:port], turn:host[:port][?transport=udp|tcp] "
                    + "or turns:host[:port][?transport=udp|tcp]. STUN servers are listed without credentials, TURN "
                    + "servers with username and .credential. An entry that is not such a URL is logged and left out.")
    String[] urls() default {};

    @AttributeDefinition(
            required = false,
            name = "TURN username",
            description = "The user name of every TURN server (coturn: the <name> of user=<name>:<password>).")
    String username() default "";

    @AttributeDefinition(
            required = false,
            name = "TURN credential",
            description = "The password of every TURN server, without surrounding whitespace. Given to authenticated "
                    + "API clients, who need it; never logged. TURN URLs without username and credential are left "
                    + "out: browsers refuse them.",
            type = AttributeType.PASSWORD)
    String _credential() default "";
}
