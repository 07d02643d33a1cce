package io.tipring.sip.internal.call;

import java.util.Locale;
import java.util.Optional;

/**
 * A key press carried by SIP INFO: {@code application/dtmf-relay} ({@code Signal=5}, {@code Duration=160}, as Cisco
 * and most gateways send it) or {@code application/dtmf} (the key alone).
 *
 * @param digit          {@code 0-9}, {@code *}, {@code #} or {@code A-D}
 * @param durationMillis how long it was held, 0 if the body does not say
 */
record DtmfInfo(char digit, int durationMillis) {

    static final String DTMF_RELAY = "dtmf-relay";
    static final String DTMF = "dtmf";
    private static final int MAX_DURATION = 60_000;

    /** @return whether tipring reads INFO bodies of this {@code application/*} subtype */
    static boolean understands(String subtype) {
        return DTMF_RELAY.equalsIgnoreCase(subtype) || DTMF.equalsIgnoreCase(subtype);
    }

    /**
     * @param subtype {@code dtmf-relay} or {@code dtmf}
     * @param body    the INFO body
     * @return the key press, or empty if the body names no key
     */
    static Optional<DtmfInfo> parse(String subtype, String body) {
        if (body == null) {
            return Optional.empty();
        }
        if (DTMF.equalsIgnoreCase(subtype)) {
            return key(body.strip()).map(digit -> new DtmfInfo(digit, 0));
        }
        Optional<Character> digit = Optional.empty();
        int duration = 0;
        for (String line : body.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(equals + 1).strip();
            if (name.equals("signal")) {
                digit = key(value);
            } else if (name.equals("duration")) {
                try {
                    duration = Math.max(0, Math.min(MAX_DURATION, Integer.parseInt(value)));
                } catch (NumberFormatException e) {
                    duration = 0;
                }
            }
        }
        int held = duration;
        return digit.map(key -> new DtmfInfo(key, held));
    }

    /** Reads a key as its character, or as RFC 4733's event number (10 is *, 11 is #, 12-15 are A-D). */
    private static Optional<Character> key(String value) {
        if (value.length() == 1) {
            char key = Character.toUpperCase(value.charAt(0));
            if ((key >= '0' && key <= '9') || key == '*' || key == '#' || (key >= 'A' && key <= 'D')) {
                return Optional.of(key);
            }
            return Optional.empty();
        }
        return switch (value) {
            case "10" -> Optional.of('*');
            case "11" -> Optional.of('#');
            case "12" -> Optional.of('A');
            case "13" -> Optional.of('B');
            case "14" -> Optional.of('C');
            case "15" -> Optional.of('D');
            default -> Optional.empty();
        };
    }
}
