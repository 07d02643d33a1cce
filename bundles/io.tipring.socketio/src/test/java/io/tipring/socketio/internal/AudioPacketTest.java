package io.tipring.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socket.socketio.server.parser.IOParser;
import io.socket.socketio.server.parser.Packet;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The audio event tipring sends as a ready-made packet is the event a Socket.IO decoder expects. */
class AudioPacketTest {

    @Test
    void theReadyMadePacketAndItsAttachmentDecodeToTheApisAudioEvent() {
        byte[] frame = new byte[320];
        frame[0] = 1;
        frame[319] = -1;
        List<Packet<?>> decoded = new ArrayList<>();
        IOParser.Decoder decoder = new IOParser.Decoder();
        decoder.onDecoded(decoded::add);

        decoder.add(ClientSocket.audioPacket("01a201c1-ee53-7aac-83c3-de74d4b5bc62"));
        decoder.add(frame);

        assertEquals(1, decoded.size());
        Packet<?> event = decoded.get(0);
        assertEquals(5, event.type, "a binary event");
        assertEquals("/", event.nsp);
        JSONArray data = (JSONArray) event.data;
        assertEquals("audio", data.get(0));
        JSONObject payload = data.getJSONObject(1);
        assertEquals("01a201c1-ee53-7aac-83c3-de74d4b5bc62", payload.get("sessionId"));
        assertEquals("pcm16", payload.get("audioFormat"));
        assertArrayEquals(frame, (byte[]) payload.get("audioData"));
    }
}
