package io.tipring.websocket.internal;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SipOptions;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** The SIP side of {@code /call/sip}: the call a CallOption places, its transfer, and its refusals' SIP codes. */
final class SipCalls {

    private SipCalls() {
    }

    /** @return the request that places the call an {@code invite} describes */
    static OriginateRequest request(String tenant, CallOptions options, Duration ringTimeout) {
        SipOptions sip = options.sip()
                .map(account -> new SipOptions(account.username(), account.password(), account.realm(),
                        account.headers()))
                .orElse(null);
        return new OriginateRequest(tenant, options.callee().strip(),
                options.caller().isBlank() ? null : options.caller().strip(), null, ringTimeout, sip);
    }

    /** @return completes when the far end took the transfer */
    static CompletionStage<Void> transfer(Call call, String target) {
        return call.transfer(target);
    }

    /**
     * @return the SIP status that most likely refused the call, from its Q.850 cause (RFC 3398's mapping read
     *         backwards), or {@code null} when the cause names none
     */
    static Integer sipStatus(CallEvent.Ended ended) {
        return switch (ended.cause().code()) {
            case 1 -> 404;
            case 17 -> 486;
            case 18 -> 408;
            case 19 -> 480;
            case 21 -> 603;
            case 22 -> 410;
            case 27 -> 502;
            case 28 -> 484;
            case 34, 38, 41, 42 -> 503;
            case 58, 65, 88 -> 488;
            case 127 -> 500;
            default -> null;
        };
    }
}
