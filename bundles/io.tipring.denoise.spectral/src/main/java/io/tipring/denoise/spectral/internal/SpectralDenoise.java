package io.tipring.denoise.spectral.internal;

import io.tipring.api.speech.DenoiseProvider;
import io.tipring.api.speech.DenoiseRequest;
import io.tipring.api.speech.NoiseSuppressor;
import io.tipring.api.speech.SpeechProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in noise suppressor, {@code "spectral"}: short-time spectral gain (Ephraim and Malah's log-MMSE rule
 * on the decision-directed a-priori SNR) over a noise estimate that each stream learns from its own pauses
 * ({@link SpectralSuppressor}, {@link NoiseTracker}). Pure Java, no model: it removes steady and slowly changing
 * background (fans, hiss, road and crowd rumble) but not sounds that come and go like speech (a door, a voice
 * in the room), and it keeps tones. Any rate from 8 to 48 kHz; the audio comes out 20 ms late. A stream that
 * starts in the middle of a word has that word turned down: until the first pause the estimator has nothing
 * quieter to compare it with. The request's options are not used.
 */
@Component(service = DenoiseProvider.class, configurationPid = SpectralDenoise.PID,
        property = {SpeechProvider.NAME + "=" + SpectralDenoise.NAME, "service.ranking:Integer=0"})
@Designate(ocd = SpectralDenoiseConfig.class)
public final class SpectralDenoise implements DenoiseProvider {

    static final String PID = "io.tipring.denoise.spectral";
    static final String NAME = "spectral";

    private static final Logger LOG = LoggerFactory.getLogger(SpectralDenoise.class);

    private volatile Settings settings;

    /**
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public SpectralDenoise(SpectralDenoiseConfig config) {
        settings = Settings.of(config);
        LOG.info("spectral denoise ready: {}", describe(settings));
    }

    /**
     * Applies new settings to the streams opened from now on; streams under way keep theirs.
     *
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     */
    @Modified
    void modified(SpectralDenoiseConfig config) {
        settings = Settings.of(config);
        LOG.info("spectral denoise reconfigured: {}", describe(settings));
    }

    /**
     * @throws IllegalArgumentException never for a valid request: every rate a {@link DenoiseRequest} allows is
     *                                  cleaned
     */
    @Override
    public NoiseSuppressor create(DenoiseRequest request) {
        return new SpectralSuppressor(request.sampleRate(), settings);
    }

    private static String describe(Settings settings) {
        return "gain floor " + settings.gainFloorDb() + " dB, noise window " + settings.noiseWindowMillis()
                + " ms, noise smoothing " + settings.noiseSmoothingMillis() + " ms";
    }
}
