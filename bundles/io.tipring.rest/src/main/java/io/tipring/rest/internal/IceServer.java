package io.tipring.rest.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One entry of {@code GET /iceservers}, as WebRTC's {@code RTCIceServer} and the seed have it. STUN servers carry
 * {@code null} for both credentials, as the seed shows; the credential is for the API's answer only and never
 * appears in {@link #toString()}.
 *
 * @param urls       the servers' URLs, all of one kind (STUN or TURN)
 * @param username   the TURN user name, {@code null} for STUN
 * @param credential the TURN password, {@code null} for STUN
 */
@JsonPropertyOrder({"urls", "username", "credential"})
record IceServer(List<String> urls, String username, String credential) {

    IceServer {
        urls = List.copyOf(urls);
    }

    static IceServer stun(List<String> urls) {
        return new IceServer(urls, null, null);
    }

    @Override
    public String toString() {
        return username == null ? urls.toString() : urls + " as " + username + " (credential hidden)";
    }
}
