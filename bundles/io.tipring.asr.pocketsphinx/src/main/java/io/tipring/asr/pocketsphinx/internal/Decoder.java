package io.tipring.asr.pocketsphinx.internal;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One pocketsphinx decoder ({@code ps_decoder_t}): 16 kHz audio in, whether the caller speaks and what they said
 * out. One thread at a time uses it (the recognition's), and whoever holds it last frees it, once.
 * <p>
 * Utterances are cut by pocketsphinx's own VAD ({@code ps_get_in_speech}): it turns to speech after
 * {@value #START_SPEECH_MILLIS} ms of speech, and back after the model's {@code speechEndMillis} of silence.
 */
final class Decoder {

    /** The rate of the model, and of all audio given to a decoder. */
    static final int RATE = 16_000;
    /** The most samples {@link #process} takes at once: 20 ms, the step at which speech is judged. */
    static final int SLICE = RATE / 50;
    /** How much speech the VAD needs before it says speech: pocketsphinx's -vad_startspeech, 10 frames. */
    static final int START_SPEECH_MILLIS = 100;
    private static final int START_SPEECH_FRAMES = START_SPEECH_MILLIS / Settings.FRAME_MILLIS;
    /** Audio kept from before the start of speech and decoded with it: -vad_prespeech, 20 frames. */
    private static final int PRE_SPEECH_FRAMES = 20;
    /**
     * The first audio of every stream. pocketsphinx's VAD sets its noise estimate from the first frame it sees and
     * then lets it rise only slowly, so a stream that starts with quiet line noise is taken for speech for up to a
     * second, and the caller's first words are decoded together with that noise. A loud first frame makes the
     * estimate start high and fall to the line's real floor within about 0.2 s, while being too short (20 ms) to
     * count as speech itself.
     */
    private static final short[] PRIMER = primer();

    private final Libpocketsphinx ps;
    private final Settings.Model model;
    private final boolean narrowband;
    private final Pointer handle;
    private final Memory pcm = new Memory(SLICE * (long) Short.BYTES);
    private final Memory score = new Memory(Integer.BYTES);
    private final NativeLong length = new NativeLong();
    private boolean inUtterance;
    private boolean freed;

    private Decoder(Libpocketsphinx ps, Settings.Model model, boolean narrowband, Pointer handle) {
        this.ps = ps;
        this.model = model;
        this.narrowband = narrowband;
        this.handle = handle;
    }

    /**
     * Loads a decoder: reads the model (0.3 to 0.5 s).
     *
     * @param ps                  the library
     * @param model               what to load
     * @param narrowband          whether it is for audio below 16 kHz, whose band ends below the model's
     * @param featureParameters   the acoustic model's feat.params to use instead of its own, or null
     * @return the decoder, between utterances
     * @throws Failure if a file is missing or pocketsphinx refuses the model
     */
    static Decoder load(Libpocketsphinx ps, Settings.Model model, boolean narrowband, Path featureParameters)
            throws Failure {
        String missing = model.missing().orElse(null);
        if (missing != null) {
            throw new Failure(missing);
        }
        List<String> options = new ArrayList<>(List.of("-hmm", model.hmm().toString(),
                "-lm", model.languageModel().toString(), "-dict", model.dictionary().toString(),
                "-samprate", Integer.toString(RATE), "-vad_startspeech", Integer.toString(START_SPEECH_FRAMES),
                "-vad_prespeech", Integer.toString(PRE_SPEECH_FRAMES),
                "-vad_postspeech", Integer.toString(model.speechEndMillis() / Settings.FRAME_MILLIS)));
        if (featureParameters != null) {
            options.addAll(List.of("-featparams", featureParameters.toString()));
        }
        List<Object> arguments = new ArrayList<>();
        for (String option : options) {
            arguments.add(cString(option));
        }
        arguments.add(null);
        Pointer config = ps.cmd_ln_init(null, ps.ps_args(), 1, arguments.toArray());
        if (config == null) {
            throw new Failure("pocketsphinx refused its options " + options);
        }
        Pointer handle;
        try {
            handle = ps.ps_init(config);
        } finally {
            ps.cmd_ln_free_r(config);
        }
        if (handle == null) {
            throw new Failure("pocketsphinx could not load the model " + model.hmm() + " with "
                    + model.languageModel() + " and " + model.dictionary());
        }
        return new Decoder(ps, model, narrowband, handle);
    }

    /** @return what it was loaded from */
    Settings.Model model() {
        return model;
    }

    /** @return whether it is for audio below 16 kHz (its cepstral mean is that of such audio) */
    boolean narrowband() {
        return narrowband;
    }

    /**
     * Starts a new stream, and an utterance in it: the VAD forgets the last stream's noise.
     *
     * @throws Failure if pocketsphinx fails
     */
    void startStream() throws Failure {
        endUtterance();
        check(ps.ps_start_stream(handle), "ps_start_stream");
        startUtterance();
        process(PRIMER, 0, PRIMER.length);
    }

    /**
     * Decodes audio.
     *
     * @param samples 16 kHz audio
     * @param offset  the first sample
     * @param count   how many, at most {@link #SLICE}
     * @return whether the VAD is in speech after it
     * @throws Failure if pocketsphinx fails
     */
    boolean process(short[] samples, int offset, int count) throws Failure {
        if (count > SLICE) {
            throw new IllegalArgumentException("at most " + SLICE + " samples at once: " + count);
        }
        pcm.write(0, samples, offset, count);
        length.setValue(count);
        check(ps.ps_process_raw(handle, pcm, length, 0, 0), "ps_process_raw");
        return ps.ps_get_in_speech(handle) != 0;
    }

    /** @return the best hypothesis of the utterance so far, words separated by a space; empty if none */
    String hypothesis() {
        Pointer text = ps.ps_get_hyp(handle, score);
        return text == null ? "" : text.getString(0, StandardCharsets.UTF_8.name()).strip();
    }

    /**
     * Ends the utterance and starts the next one.
     *
     * @return the final hypothesis of the one ended; empty if none
     * @throws Failure if pocketsphinx fails
     */
    String nextUtterance() throws Failure {
        endUtterance();
        String text = hypothesis();
        startUtterance();
        return text;
    }

    /**
     * Ends the utterance under way, if any, so that the decoder can be reused.
     *
     * @throws Failure if pocketsphinx fails
     */
    void endUtterance() throws Failure {
        if (inUtterance) {
            inUtterance = false;
            check(ps.ps_end_utt(handle), "ps_end_utt");
        }
    }

    /** Frees the native decoder; calling it again does nothing. */
    void free() {
        if (!freed) {
            freed = true;
            ps.ps_free(handle);
        }
    }

    private void startUtterance() throws Failure {
        check(ps.ps_start_utt(handle), "ps_start_utt");
        inUtterance = true;
    }

    private static void check(int result, String function) throws Failure {
        if (result < 0) {
            throw new Failure("pocketsphinx failed: " + function + " returned " + result);
        }
    }

    /** A NUL-terminated UTF-8 copy, which JNA frees once no longer referenced (cmd_ln_init copies it). */
    private static Memory cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }

    private static short[] primer() {
        SplittableRandom random = new SplittableRandom(20);
        short[] samples = new short[SLICE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) random.nextInt(-16_000, 16_000);
        }
        return samples;
    }

    /** pocketsphinx could not load or decode; the message is for an operator. */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
