package io.tipring.sip.internal.call;

import java.text.ParseException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;

/**
 * Who an outbound call is from: a user (number or name) that goes into {@code From} at tipring's own address, or a
 * whole SIP URI the application gave, which becomes {@code From}'s URI.
 *
 * @param user the user, for {@code From} and {@code Contact}; may be empty when the URI has none
 * @param uri  the caller's own SIP URI, or {@code null} for tipring's address
 */
record Caller(String user, SipURI uri) {

    /** @return a caller at tipring's own address */
    static Caller user(String user) {
        return new Caller(user, null);
    }

    /** @return the URI of {@code From}: the caller's own, else the user at {@code localHost} */
    SipURI fromUri(AddressFactory addresses, String localHost) throws ParseException {
        return uri != null ? (SipURI) uri.clone() : addresses.createSipURI(user, localHost);
    }
}
