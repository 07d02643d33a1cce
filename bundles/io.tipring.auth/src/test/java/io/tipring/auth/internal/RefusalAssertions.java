package io.tipring.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tipring.api.auth.Authentication;

/** Asserts a refusal and that its reason, which clients see, does not echo the token. */
final class RefusalAssertions {

    private RefusalAssertions() {
    }

    static void assertRefused(String expectedReason, String token, Authentication outcome) {
        Authentication.Refused refused = assertInstanceOf(Authentication.Refused.class, outcome);
        assertEquals(expectedReason, refused.reason());
        if (token != null && !token.isBlank()) {
            assertFalse(refused.reason().contains(token.strip()), "the reason must not contain the token");
        }
    }
}
