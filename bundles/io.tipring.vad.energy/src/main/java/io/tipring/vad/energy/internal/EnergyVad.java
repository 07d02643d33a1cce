package io.tipring.vad.energy.internal;

import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The built-in voice activity detector, {@code "energy"}: a frame is speech when it is loud enough over the
 * stream's own background noise and is not a pure tone ({@link EnergyVoiceDetector}). It needs no model and
 * costs well under a microsecond per 8 kHz frame; it cannot tell a voice from other loud, changing sounds
 * (music, a door), which a model-based VAD would. The request's options are not used.
 */
@Component(service = VadProvider.class, property = SpeechProvider.NAME + "=energy", configurationPid = EnergyVad.PID)
@Designate(ocd = EnergyVadConfig.class)
public final class EnergyVad implements VadProvider {

    static final String PID = "io.tipring.vad.energy";

    private final double minimumLevel;
    private final boolean rejectTones;

    /**
     * @param config the settings
     * @throws IllegalArgumentException if the minimum level is not a number from -90 to 0 dBFS
     */
    @Activate
    public EnergyVad(EnergyVadConfig config) {
        double level = config.minimumLevel();
        if (!(level >= -90 && level <= 0)) {
            throw new IllegalArgumentException("minimumLevel must be -90 to 0 dBFS: " + level);
        }
        this.minimumLevel = level;
        this.rejectTones = config.rejectTones();
    }

    @Override
    public VoiceDetector create(VadRequest request) {
        return new EnergyVoiceDetector(request.sampleRate(), request.aggressiveness(), minimumLevel, rejectTones);
    }
}
