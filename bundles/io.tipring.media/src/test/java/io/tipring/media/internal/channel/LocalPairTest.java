package io.tipring.media.internal.channel;

import static io.tipring.media.internal.FarEnd.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.Events;
import io.tipring.media.internal.Wav;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.dtmf.tone.InbandDtmfDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local pair ticked by the test, except where a test starts the clock. */
class LocalPairTest {

    private static final int FRAME = 160;

    private final MediaClock clock = new MediaClock("test-media-clock");
    private final List<LocalPair> closed = new ArrayList<>();
    private final LocalPair pair = new LocalPair(8_000, 1_000, clock, closed::add);
    private final MediaChannel callSide = pair.callSide();
    private final MediaChannel farEnd = pair.farEnd();
    private final Events callSideEvents = new Events();
    private final Events farEndEvents = new Events();

    @TempDir
    Path folder;

    LocalPairTest() {
        callSide.addListener(callSideEvents);
        farEnd.addListener(farEndEvents);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pair.close();
        clock.stop();
    }

    @Test
    void whatOneSidePlaysTheOtherReceivesFrameByFrame() {
        short[] hello = tone(500);
        short[] reply = tone(900);
        callSide.play(hello, 0, FRAME);
        farEnd.play(reply, 0, FRAME);

        pair.onTick(0);
        pair.onTick(0);

        assertEquals(8_000, callSide.sampleRate());
        assertArrayEquals(hello, farEndEvents.received.get(0));
        assertArrayEquals(reply, callSideEvents.received.get(0));
        assertArrayEquals(hello, callSideEvents.sent.get(0));
        assertArrayEquals(reply, farEndEvents.sent.get(0));
        assertArrayEquals(new short[FRAME], farEndEvents.received.get(1), "silence once the queue is empty");
        assertEquals(2, callSideEvents.received.size());
    }

    @Test
    void aDigitArrivesOnTheOtherSideWhenItsToneEndsAndIsHeardMeanwhile() {
        callSide.sendDigit('5', 100);
        farEnd.sendDigit('#', 40);

        pair.onTick(0);
        assertEquals(List.of(), callSideEvents.digits);
        pair.onTick(0);
        assertEquals(List.of("#/40"), callSideEvents.digits);
        for (int i = 0; i < 2; i++) {
            pair.onTick(0);
        }
        assertEquals(List.of(), farEndEvents.digits);
        pair.onTick(0);
        assertEquals(List.of("5/100"), farEndEvents.digits);
        for (int i = 0; i < 5; i++) {
            pair.onTick(0);
        }

        assertEquals(List.of("5/100"), detectDigits(farEndEvents.received));
        assertEquals(List.of("#/40"), detectDigits(callSideEvents.received));
        assertEquals(List.of("5/100"), farEndEvents.digits, "one report per press");
    }

    @Test
    void marksFireWhenTheirAudioIsPlayedAndAtOnceOnClear() {
        callSide.play(tone(400), 0, FRAME);
        callSide.mark("one");
        callSide.play(tone(400), 0, FRAME);
        callSide.mark("two");
        callSide.play(tone(400), 0, FRAME);
        callSide.mark("three");

        pair.onTick(0);
        assertEquals(List.of("one"), callSideEvents.marks);
        callSide.clear();
        assertEquals(List.of("one", "two", "three"), callSideEvents.marks);
        pair.onTick(0);
        assertArrayEquals(new short[FRAME], farEndEvents.received.get(1));
        assertEquals(List.of(), farEndEvents.marks);
    }

    @Test
    void pauseHoldsAndMuteSilencesPlayback() {
        short[] first = tone(300);
        short[] second = tone(600);
        callSide.play(first, 0, FRAME);
        callSide.play(second, 0, FRAME);

        callSide.pause();
        pair.onTick(0);
        callSide.resume();
        pair.onTick(0);
        callSide.mute(true);
        pair.onTick(0);

        assertArrayEquals(new short[FRAME], farEndEvents.received.get(0));
        assertArrayEquals(first, farEndEvents.received.get(1));
        assertArrayEquals(new short[FRAME], farEndEvents.received.get(2), "muted: the second frame passes unheard");
        assertEquals(0, ((AudioChannel) callSide).queuedSamples());
    }

    @Test
    void recordsEachSideWithWhatItHeardOnTheLeft() throws Exception {
        Path file = folder.resolve("local.wav");
        Subscription recording = callSide.record(file);
        short[] spoken = tone(700);
        short[] answered = tone(1_100);
        callSide.play(spoken, 0, FRAME);
        farEnd.play(answered, 0, FRAME);
        farEnd.play(answered, 0, FRAME);

        for (int i = 0; i < 3; i++) {
            pair.onTick(0);
        }
        recording.close();
        pair.onTick(0);

        Wav wav = Wav.read(file);
        assertEquals(3 * FRAME, wav.left().length);
        assertArrayEquals(answered, Arrays.copyOfRange(wav.left(), 0, FRAME));
        assertArrayEquals(answered, Arrays.copyOfRange(wav.left(), FRAME, 2 * FRAME));
        assertArrayEquals(new short[FRAME], Arrays.copyOfRange(wav.left(), 2 * FRAME, 3 * FRAME));
        assertArrayEquals(spoken, Arrays.copyOfRange(wav.right(), 0, FRAME));
        assertArrayEquals(new short[2 * FRAME], Arrays.copyOfRange(wav.right(), FRAME, 3 * FRAME));
    }

    @Test
    void closingCompletesRecordingsOnceAndTellsTheOwner() throws Exception {
        Path file = folder.resolve("closed.wav");
        farEnd.record(file);
        pair.onTick(0);

        pair.close();
        pair.close();

        assertEquals(FRAME, Wav.read(file).left().length);
        assertEquals(List.of(pair), closed);
        assertThrows(IllegalStateException.class, () -> farEnd.record(folder.resolve("late.wav")));
    }

    @Test
    void refusesRatesThatAreNoWholeFrames() {
        assertThrows(IllegalArgumentException.class, () -> new LocalPair(8_010, 1_000, clock, closed::add));
        assertThrows(IllegalArgumentException.class, () -> new LocalPair(4_000, 1_000, clock, closed::add));
        assertEquals(320, new LocalPair(16_000, 1_000, clock, closed::add).callSide().sampleRate() / 50);
    }

    @Test
    void anEchoOnTheMediaClockReturnsWhatWasPlayed() throws Exception {
        farEnd.addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                farEnd.play(pcm, 0, samples);
            }
        });
        short[] hello = tone(850);
        pair.start();
        clock.start();

        callSide.play(hello, 0, FRAME);

        await(() -> callSideEvents.received.stream().anyMatch(frame -> Arrays.equals(frame, hello)), "the echo");
    }

    @Test
    void aTickAllocatesNothingWithListenersAndARecording() throws Exception {
        LocalPair quiet = new LocalPair(8_000, 1_000, clock, closed::add);
        int[] samples = new int[1];
        MediaListener counter = new MediaListener() {
            @Override
            public void received(short[] pcm, int count) {
                samples[0] += count;
            }
        };
        quiet.callSide().addListener(counter);
        quiet.farEnd().addListener(counter);
        Subscription recording = quiet.callSide().record(folder.resolve("steady.wav"));
        short[] speech = tone(440);
        Runnable tick = () -> {
            quiet.callSide().play(speech, 0, FRAME);
            quiet.farEnd().play(speech, 0, FRAME);
            quiet.onTick(0);
        };
        for (int i = 0; i < 100_000; i++) {
            tick.run();
        }

        Allocations.assertAllocationFree(tick);
        recording.close();
        quiet.close();
        assertTrue(samples[0] > 0);
    }

    private static List<String> detectDigits(List<short[]> frames) {
        List<String> digits = new ArrayList<>();
        InbandDtmfDetector detector = new InbandDtmfDetector(8_000, (digit, millis) -> digits.add(digit.symbol() + "/" + millis));
        for (short[] frame : frames) {
            detector.process(frame, 0, frame.length);
        }
        return digits;
    }

    private static short[] tone(int frequency) {
        short[] pcm = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            pcm[i] = (short) (5_000 * Math.sin(2 * Math.PI * frequency * i / 8_000.0));
        }
        return pcm;
    }
}
