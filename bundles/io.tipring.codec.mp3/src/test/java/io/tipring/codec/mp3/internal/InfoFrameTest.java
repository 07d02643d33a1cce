package io.tipring.codec.mp3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The Xing frame and LAME tag that LAME wrote at the start of the VBR fixture. */
class InfoFrameTest {

    @Test
    void theLameTagGivesTheEncodersDelayAndPadding() {
        byte[] file = Audio.resource("speech-44100-stereo-vbr.mp3");

        InfoFrame info = InfoFrame.in(file, 0, FrameHeader.at(file, 0));

        // lame 3.100's own figures for this file (576 + 106104 samples + 1608 = 94 frames of 1152).
        assertEquals(new InfoFrame(576, 1608), info);
    }

    @Test
    void aFrameOfAudioIsNoInfoFrame() {
        byte[] file = Audio.resource("speech-44100-stereo-vbr.mp3");
        int second = FrameHeader.at(file, 0).frameLength();

        assertNull(InfoFrame.in(file, second, FrameHeader.at(file, second)));
    }
}
