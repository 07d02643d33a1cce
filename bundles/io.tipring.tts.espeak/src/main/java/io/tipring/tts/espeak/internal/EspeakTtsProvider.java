package io.tipring.tts.espeak.internal;

import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TTS provider {@code espeak}: espeak-ng (the Debian package {@code espeak-ng}), offline, one process per
 * request. The text goes to the process's standard input, never on its command line, so that no text is taken for
 * an option and none is too long; the voice (the request's speaker) must be a plain voice name.
 * <p>
 * Options: {@code volume}, 0 to 10 as RustPBX's (5 is espeak-ng's normal loudness), maps linearly to espeak-ng's
 * amplitude 0 to 200 ({@code -a}); a value outside is taken as the nearest end, one that is no number is refused.
 * Other options are ignored.
 * <p>
 * Deactivation fails every synthesis under way with error 503 and waits briefly for their processes to be gone.
 */
@Component(service = TtsProvider.class, configurationPid = EspeakTtsProvider.PID,
        property = SpeechProvider.NAME + "=" + EspeakTtsProvider.NAME)
@Designate(ocd = EspeakConfig.class)
public final class EspeakTtsProvider implements TtsProvider {

    static final String PID = "io.tipring.tts.espeak";
    static final String NAME = "espeak";
    static final String VOLUME = "volume";
    static final int MAX_WORDS_PER_MINUTE = 900;

    private static final Logger LOG = LoggerFactory.getLogger(EspeakTtsProvider.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final double MAX_VOLUME = 10;
    /** espeak-ng's amplitude for each step of volume: 5 gives its default of 100, 10 its maximum of 200. */
    private static final int AMPLITUDE_PER_VOLUME = 20;
    /** Control characters: espeak-ng takes some as commands embedded in the text. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");

    private final Resamplers resamplers;
    private final Object lock = new Object();
    private final Set<EspeakSynthesis> running = new HashSet<>();
    private volatile Settings settings;
    private boolean stopped;

    /**
     * @param resamplers convert espeak-ng's rate (22050 Hz) to the rate of each request
     * @param config     the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public EspeakTtsProvider(@Reference Resamplers resamplers, EspeakConfig config) {
        this.resamplers = resamplers;
        settings = Settings.of(config);
        LOG.info("espeak-ng TTS ready: {}", describe(settings));
    }

    /**
     * Applies new settings to the requests made from now on; requests under way keep theirs.
     *
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     */
    @Modified
    void modified(EspeakConfig config) {
        settings = Settings.of(config);
        LOG.info("espeak-ng TTS reconfigured: {}", describe(settings));
    }

    /** Fails every synthesis under way with error 503, and waits briefly for their processes to be gone. */
    @Deactivate
    void stop() {
        List<EspeakSynthesis> left;
        synchronized (lock) {
            stopped = true;
            left = new ArrayList<>(running);
        }
        left.forEach(synthesis -> synthesis.abort(EspeakSynthesis.STOPPED));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        int lingering = 0;
        try {
            for (EspeakSynthesis synthesis : left) {
                if (!synthesis.awaitEnd(deadline)) {
                    lingering++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lingering > 0) {
            LOG.warn("espeak-ng TTS stopped, but {} espeak-ng processes did not exit within {} s", lingering,
                    STOP_WAIT.toSeconds());
        } else {
            LOG.info("espeak-ng TTS stopped; syntheses it ended: {}", left.size());
        }
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request, SynthesisSink sink) {
        Settings current = settings;
        EspeakSynthesis synthesis;
        try {
            synthesis = admit(new EspeakSynthesis(job(request, current), null, resamplers, sink, this::ended),
                    current);
        } catch (Refusal e) {
            synthesis = new EspeakSynthesis(null, e.error, resamplers, sink, ended -> { });
        }
        synthesis.start();
        return synthesis;
    }

    private EspeakSynthesis admit(EspeakSynthesis synthesis, Settings current) throws Refusal {
        synchronized (lock) {
            if (stopped) {
                throw new Refusal(EspeakSynthesis.STOPPED);
            }
            if (running.size() >= current.maxConcurrent()) {
                LOG.warn("espeak-ng TTS refused a request: {} syntheses run already", running.size());
                throw new Refusal(new SpeechError("espeak-ng runs " + current.maxConcurrent()
                        + " syntheses already", SpeechError.UNAVAILABLE));
            }
            running.add(synthesis);
        }
        return synthesis;
    }

    private void ended(EspeakSynthesis synthesis) {
        synchronized (lock) {
            running.remove(synthesis);
        }
    }

    /** @return how many syntheses run now (for tests) */
    int running() {
        synchronized (lock) {
            return running.size();
        }
    }

    /** The command line and the text of a request, or why it is refused. */
    private static EspeakSynthesis.Job job(SynthesisRequest request, Settings current) throws Refusal {
        String text = request.text();
        if (text.length() > current.maxTextLength()) {
            throw new Refusal(new SpeechError("the text has " + text.length() + " characters, more than the "
                    + current.maxTextLength() + " espeak-ng takes", SpeechError.BAD_REQUEST));
        }
        String voice = request.speaker().isBlank() ? current.defaultVoice() : request.speaker().strip();
        if (!Settings.VOICE.matcher(voice).matches()) {
            throw new Refusal(new SpeechError("the speaker is no espeak-ng voice name (letters, digits, _ + -)",
                    SpeechError.BAD_REQUEST));
        }
        long wordsPerMinute = Math.clamp(Math.round(current.wordsPerMinute() * request.speed()),
                Settings.MIN_WORDS_PER_MINUTE, MAX_WORDS_PER_MINUTE);
        List<String> command = new ArrayList<>(List.of(current.executable(), "--stdout", "--stdin", "-b", "1",
                "-v", voice, "-s", Long.toString(wordsPerMinute)));
        String volume = request.options().get(VOLUME);
        if (volume != null && !volume.isBlank()) {
            command.add("-a");
            command.add(Long.toString(amplitude(volume)));
        }
        return new EspeakSynthesis.Job(command, voice, CONTROL.matcher(text).replaceAll(" "), request.sampleRate(),
                current.timeout());
    }

    private static long amplitude(String volume) throws Refusal {
        double value;
        try {
            value = Double.parseDouble(volume.strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value)) {
            throw new Refusal(new SpeechError("volume must be a number from 0 to 10", SpeechError.BAD_REQUEST));
        }
        return Math.round(Math.clamp(value, 0, MAX_VOLUME) * AMPLITUDE_PER_VOLUME);
    }

    private static String describe(Settings s) {
        String found = onPath(s.executable()) ? "" : " (NOT FOUND: install the Debian package espeak-ng)";
        return "executable " + s.executable() + found + ", voice " + s.defaultVoice() + ", " + s.wordsPerMinute()
                + " words per minute, at most " + s.maxConcurrent() + " at once, " + s.timeout().toSeconds()
                + " s and " + s.maxTextLength() + " characters each";
    }

    /** @return whether the program exists: the path if it has a separator, else a directory of PATH holds it */
    private static boolean onPath(String executable) {
        if (executable.contains(File.separator)) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    /** Why a request is refused before any process starts; reported to the sink like any other failure. */
    private static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient SpeechError error;

        Refusal(SpeechError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
