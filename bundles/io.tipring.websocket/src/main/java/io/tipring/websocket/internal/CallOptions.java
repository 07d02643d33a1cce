package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's CallOption, from an {@code invite} or {@code accept}: who calls whom, the client audio's codec, and
 * the speech options. Provider options keep every field the client gave as text, for providers to read their own
 * (secrets among them: they never leave the session but to the provider).
 *
 * @param caller           the caller, a SIP URI or a number, or empty
 * @param callee           the callee, a SIP URI or a number, or empty
 * @param offer            the client's SDP offer, or empty
 * @param codec            the client audio's codec ({@code /call}), or empty for the default
 * @param sampleRate       the rate of {@code pcm} audio the client asks for ({@code samplerate}), or 0 for the
 *                         default
 * @param denoise          whether noise suppression is asked for
 * @param recorder         whether the call is to be recorded
 * @param asr              the ASR options, if ASR is asked for
 * @param vad              the VAD options, if VAD events are asked for
 * @param tts              the default TTS options of the session's {@code tts} commands
 * @param eou              the end-of-utterance options, if asked for
 * @param handshakeTimeout how long an outbound call may ring, if given
 * @param sip              the SIP account options ({@code username}, {@code password}, {@code realm}) and
 *                         {@code headers}, if given
 * @param extra            the client's extra fields, echoed in the hangup event
 */
record CallOptions(String caller, String callee, String offer, String codec, int sampleRate, boolean denoise,
        boolean recorder,
        Optional<ProviderOptions> asr, Optional<VadOptions> vad, ProviderOptions tts, Optional<ProviderOptions> eou,
        Optional<Duration> handshakeTimeout, Optional<SipAccount> sip, Map<String, Object> extra) {

    /** A provider's options: its name (empty for the preferred one) and every option as text. */
    record ProviderOptions(String provider, Map<String, String> options) {

        static final ProviderOptions DEFAULT = new ProviderOptions("", Map.of());

        String option(String name, String otherwise) {
            String value = options.get(name);
            return value == null || value.isBlank() ? otherwise : value;
        }
    }

    /** @param aggressiveness 0 to 3 */
    record VadOptions(String provider, int aggressiveness, Map<String, String> options) {
    }

    /** The SIP account a call authenticates with, and extra headers; the password never prints. */
    record SipAccount(String username, String password, String realm, Map<String, String> headers) {

        @Override
        public String toString() {
            return "SipAccount[username=" + username + ", realm=" + realm + ", headers=" + headers.keySet() + "]";
        }
    }

    static final CallOptions NONE = new CallOptions("", "", "", "", 0, false, false, Optional.empty(), Optional.empty(),
            ProviderOptions.DEFAULT, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    /** @return these options for a call between other parties */
    CallOptions between(String otherCaller, String otherCallee) {
        return new CallOptions(otherCaller, otherCallee, offer, codec, sampleRate, denoise, recorder, asr, vad, tts, eou,
                handshakeTimeout, sip, extra);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    /**
     * @param option the CallOption object, or a missing node
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static CallOptions parse(JsonNode option) {
        if (option == null || option.isMissingNode() || option.isNull()) {
            return NONE;
        }
        if (!option.isObject()) {
            throw new IllegalArgumentException("option must be an object");
        }
        JsonNode recorder = option.path("recorder");
        boolean record = recorder.isBoolean() ? recorder.asBoolean()
                : recorder.isObject() && recorder.path("enable").asBoolean(true);
        return new CallOptions(text(option, "caller"), text(option, "callee"), text(option, "offer"),
                text(option, "codec"), sampleRate(option.path("samplerate")), bool(option, "denoise"), record, provider(option, "asr"), vad(option),
                provider(option, "tts").orElse(ProviderOptions.DEFAULT), eou(option),
                duration(option.path("handshakeTimeout")), sip(option.path("sip")), extra(option.path("extra")));
    }

    static String text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }

    static boolean bool(JsonNode object, String field) {
        JsonNode value = object.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return value.asBoolean();
    }

    /** @return every scalar field of the object as text (nested objects are left out) */
    static Map<String, String> scalars(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        return values;
    }

    static Optional<ProviderOptions> provider(JsonNode option, String field) {
        JsonNode value = option.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(field + " must be an object");
        }
        if (value.has("enable") && !value.path("enable").asBoolean(true)) {
            return Optional.empty();
        }
        return Optional.of(new ProviderOptions(text(value, "provider"), scalars(value)));
    }

    private static Optional<VadOptions> vad(JsonNode option) {
        JsonNode value = option.path("vad");
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("vad must be an object");
        }
        if (!value.path("enable").asBoolean(true)) {
            return Optional.empty();
        }
        int aggressiveness = value.path("aggressiveness").asInt(2);
        if (aggressiveness < 0 || aggressiveness > 3) {
            throw new IllegalArgumentException("vad.aggressiveness must be 0 to 3");
        }
        return Optional.of(new VadOptions(text(value, "provider"), aggressiveness, scalars(value)));
    }

    private static Optional<ProviderOptions> eou(JsonNode option) {
        JsonNode value = option.path("eou");
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("eou must be an object");
        }
        // The seed names the EOU provider "type".
        return Optional.of(new ProviderOptions(text(value, "type"), scalars(value)));
    }

    /** The rates {@code pcm} audio may have: those resamplers and recognizers meet most. */
    private static final java.util.Set<Integer> PCM_RATES = java.util.Set.of(8000, 16000, 24000, 32000, 48000);

    private static int sampleRate(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !PCM_RATES.contains(value.asInt())) {
            throw new IllegalArgumentException("samplerate must be 8000, 16000, 24000, 32000 or 48000");
        }
        return value.asInt();
    }

    /** @return "30s", "500ms", "2m" or a number of seconds */
    static Optional<Duration> duration(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(Duration.ofMillis((long) (value.asDouble() * 1000)));
        }
        Matcher matcher = DURATION.matcher(value.asText().strip());
        if (!value.isTextual() || !matcher.matches()) {
            throw new IllegalArgumentException("handshakeTimeout must be like \"30s\"");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        long millis = (long) switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return millis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    private static Optional<SipAccount> sip(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("sip must be an object");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode given = value.path("headers");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("sip.headers must be an object");
            }
            headers.putAll(scalars(given));
        }
        return Optional.of(new SipAccount(text(value, "username"), text(value, "password"), text(value, "realm"),
                Map.copyOf(headers)));
    }

    private static Map<String, Object> extra(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("extra must be an object");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        value.fields().forEachRemaining(field -> extra.put(field.getKey(), field.getValue()));
        return extra;
    }
}
