package io.tipring.sip.internal.sdp;

import gov.nist.javax.sdp.MediaDescriptionImpl;
import gov.nist.javax.sdp.SessionDescriptionImpl;
import gov.nist.javax.sdp.fields.AttributeField;
import gov.nist.javax.sdp.fields.ConnectionField;
import gov.nist.javax.sdp.fields.MediaField;
import gov.nist.javax.sdp.parser.SDPAnnounceParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sdp.Connection;
import javax.sdp.SdpException;

/**
 * Reads an SDP body into its {@link MediaStream}s with JAIN-SIP's SDP parser. Everything the parser lets
 * through that tipring could not act on (no media line, a port or payload type out of range, an rtpmap that
 * does not parse) becomes an {@link InvalidSdpException}; so does any failure of the parser itself.
 */
final class SdpReader {

    private static final int DEFAULT_PTIME = 20;
    private static final int MAX_PAYLOAD_TYPE = 127;
    private static final int MAX_PORT = 65535;

    /**
     * @param sdp an SDP body as received
     * @return its media lines in order
     * @throws InvalidSdpException if the body is not an SDP session description with at least one media line
     */
    List<MediaStream> read(String sdp) throws InvalidSdpException {
        SessionDescriptionImpl session = parse(sdp);
        try {
            List<MediaDescriptionImpl> descriptions = elements(session.getMediaDescriptions(false), MediaDescriptionImpl.class);
            if (descriptions.isEmpty()) {
                throw new InvalidSdpException("SDP has no media line (m=)");
            }
            String sessionAddress = address(session.getConnection());
            List<AttributeField> sessionAttributes = elements(session.getAttributes(false), AttributeField.class);
            MediaDirection sessionDirection = direction(sessionAttributes).orElse(MediaDirection.SENDRECV);
            List<MediaStream> streams = new ArrayList<>();
            for (MediaDescriptionImpl description : descriptions) {
                streams.add(stream(description, sessionAddress, sessionDirection));
            }
            return streams;
        } catch (SdpException | RuntimeException e) {
            throw new InvalidSdpException("SDP cannot be read: " + e.getMessage(), e);
        }
    }

    private static SessionDescriptionImpl parse(String sdp) throws InvalidSdpException {
        if (sdp == null || sdp.isBlank()) {
            throw new InvalidSdpException("SDP body is empty");
        }
        try {
            // A new parser for each body: the parser keeps the text it reads, and JAIN-SIP's SdpFactory is a
            // JVM-wide singleton this bundle should not share.
            return new SDPAnnounceParser(sdp).parse();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidSdpException("SDP does not parse: " + e.getMessage(), e);
        }
    }

    private static MediaStream stream(MediaDescriptionImpl description, String sessionAddress,
            MediaDirection sessionDirection) throws SdpException, InvalidSdpException {
        MediaField line = description.getMediaField();
        String media = line.getMediaType();
        int port = line.getMediaPort();
        if (port < 0 || port > MAX_PORT) {
            throw new InvalidSdpException("SDP media port out of range: " + line.encode().strip());
        }
        List<String> formatList = elements(line.getMediaFormats(false), String.class);
        if (formatList.isEmpty()) {
            throw new InvalidSdpException("SDP media line lists no format: " + line.encode().strip());
        }
        String mediaAddress = address(description.getConnection());
        String address = mediaAddress.isEmpty() ? sessionAddress : mediaAddress;
        if (address.isEmpty() && port != 0) {
            throw new InvalidSdpException("SDP gives no connection address (c=) for " + line.encode().strip());
        }
        List<AttributeField> attributes = elements(description.getAttributeFields(), AttributeField.class);
        boolean rtp = media.equalsIgnoreCase(MediaStream.AUDIO) && line.getProtocol().equalsIgnoreCase(MediaStream.RTP_AVP);
        return new MediaStream(media, port, line.getProtocol(), formatList,
                rtp ? formats(line.encode().strip(), formatList, attributes) : List.of(), address,
                direction(attributes).orElse(sessionDirection), ptime(attributes));
    }

    private static List<RtpFormat> formats(String mediaLine, List<String> payloadTypes,
            List<AttributeField> attributes) throws SdpException, InvalidSdpException {
        Map<Integer, RtpFormat> mapped = new HashMap<>();
        Map<Integer, String> parameters = new HashMap<>();
        for (AttributeField attribute : attributes) {
            if (!attribute.hasValue()) {
                continue;
            }
            switch (attribute.getName().toLowerCase(Locale.ROOT)) {
                case "rtpmap" -> {
                    RtpFormat format = rtpmap(attribute.getValue());
                    mapped.put(format.payloadType(), format);
                }
                case "fmtp" -> {
                    String[] parts = attribute.getValue().strip().split("\\s+", 2);
                    parameters.put(payloadType(parts[0], attribute.encode().strip()), parts.length == 2 ? parts[1] : "");
                }
                default -> {
                    // Other attributes (ssrc, rtcp, label, ...) say nothing about the formats.
                }
            }
        }
        List<RtpFormat> formats = new ArrayList<>();
        for (String token : payloadTypes) {
            int payloadType = payloadType(token, mediaLine);
            Optional<RtpFormat> format = Optional.ofNullable(mapped.get(payloadType))
                    .or(() -> StaticPayloadTypes.audio(payloadType));
            format.ifPresent(known -> formats.add(new RtpFormat(payloadType, known.encodingName(), known.clockRate(),
                    known.channels(), parameters.getOrDefault(payloadType, ""))));
        }
        return formats;
    }

    /** Reads an {@code a=rtpmap} value: {@code <payload type> <encoding name>/<clock rate>[/<channels>]}. */
    private static RtpFormat rtpmap(String value) throws InvalidSdpException {
        String[] parts = value.strip().split("\\s+", 2);
        String[] encoding = parts.length == 2 ? parts[1].strip().split("/") : new String[0];
        if (encoding.length < 2 || encoding.length > 3 || encoding[0].isEmpty()) {
            throw new InvalidSdpException("SDP rtpmap does not parse: a=rtpmap:" + value);
        }
        try {
            int clockRate = Integer.parseInt(encoding[1]);
            int channels = encoding.length == 3 ? Integer.parseInt(encoding[2]) : 1;
            if (clockRate <= 0 || channels <= 0) {
                throw new InvalidSdpException("SDP rtpmap has no positive rate and channels: a=rtpmap:" + value);
            }
            return new RtpFormat(payloadType(parts[0], "a=rtpmap:" + value), encoding[0], clockRate, channels, "");
        } catch (NumberFormatException e) {
            throw new InvalidSdpException("SDP rtpmap does not parse: a=rtpmap:" + value, e);
        }
    }

    /** @param line the SDP line the token comes from, for the error message */
    private static int payloadType(String token, String line) throws InvalidSdpException {
        try {
            int payloadType = Integer.parseInt(token);
            if (payloadType >= 0 && payloadType <= MAX_PAYLOAD_TYPE) {
                return payloadType;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line it came from
        }
        throw new InvalidSdpException("SDP payload type is not 0-127: '" + token + "' in " + line);
    }

    private static Optional<MediaDirection> direction(List<AttributeField> attributes) throws SdpException {
        for (AttributeField attribute : attributes) {
            Optional<MediaDirection> direction = attribute.hasValue() ? Optional.empty()
                    : MediaDirection.fromAttribute(attribute.getName());
            if (direction.isPresent()) {
                return direction;
            }
        }
        return Optional.empty();
    }

    private static int ptime(List<AttributeField> attributes) throws SdpException, InvalidSdpException {
        for (AttributeField attribute : attributes) {
            if (attribute.getName().equalsIgnoreCase("ptime") && attribute.hasValue()) {
                try {
                    int ptime = Integer.parseInt(attribute.getValue().strip());
                    if (ptime > 0) {
                        return ptime;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new InvalidSdpException("SDP ptime is not a positive number: " + attribute.encode().strip());
            }
        }
        return DEFAULT_PTIME;
    }

    private static String address(Connection connection) throws SdpException {
        return connection == null || connection.getAddress() == null ? "" : connection.getAddress();
    }

    /** JAIN-SIP hands its lists out as raw {@code Vector}s, or null when there is none. */
    private static <T> List<T> elements(List<?> raw, Class<T> type) {
        List<T> elements = new ArrayList<>();
        if (raw != null) {
            for (Object element : raw) {
                elements.add(type.cast(element));
            }
        }
        return elements;
    }
}
