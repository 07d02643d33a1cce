package io.tipring.asr.pocketsphinx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The pocketsphinx provider's settings (etc/io.tipring.asr.pocketsphinx.cfg); a change applies to recognitions
 * started after it.
 */
@ObjectClassDefinition(name = "tipring ASR pocketsphinx",
        description = "Offline speech recognition with pocketsphinx (the Debian packages libpocketsphinx3 and "
                + "pocketsphinx-en-us), in the server's process: one decoder thread per recognition.")
public @interface PocketsphinxConfig {

    @AttributeDefinition(description = "The directory of the model; the three settings below are relative to it "
            + "(or absolute).")
    String modelDirectory() default "/usr/share/pocketsphinx/model/en-us";

    @AttributeDefinition(description = "The acoustic model: a directory with mdef, means, variances, "
            + "transition_matrices, noisedict and feat.params. It must be a 16 kHz model; calls at other rates are "
            + "resampled to 16 kHz.")
    String hmm() default "en-us";

    @AttributeDefinition(description = "The language model (an ARPA or binary n-gram file).")
    String languageModel() default "en-us.lm.bin";

    @AttributeDefinition(description = "The pronunciation dictionary.")
    String dictionary() default "cmudict-en-us.dict";

    @AttributeDefinition(description = "The cepstral mean that decoders for audio below 16 kHz (phone calls) start "
            + "from: pocketsphinx's -cmninit, 13 numbers, in place of the model's. The model's is that of wideband "
            + "audio, and with it the first utterance a new decoder hears on a phone call comes out mostly wrong. "
            + "The default was measured for the en-us model on phone-band speech; empty keeps the model's.")
    String narrowbandCepstralMean() default "46.92,27.90,-36.74,47.51,-25.55,-9.36,14.66,-37.09,13.80,-8.49,-3.91,"
            + "12.09,-18.31";

    @AttributeDefinition(description = "The library: 'pocketsphinx' looks for libpocketsphinx.so.3 (Debian's "
            + "libpocketsphinx3) and then for what the system links under that name; or a file name, or an absolute "
            + "path. Only pocketsphinx 5prealpha (0.8+5prealpha) works.")
    String library() default "pocketsphinx";

    @AttributeDefinition(description = "How many recognitions may run at once; one beyond fails with error 503. "
            + "Each takes about 0.3 to 0.4 s of one core's time per second its caller speaks, and about 100 MB of "
            + "memory; one that cannot keep up drops its oldest audio.",
            min = "1")
    int maxConcurrent() default 8;

    @AttributeDefinition(description = "How many loaded decoders are kept for the next recognitions. Loading one "
            + "takes about 0.3 to 0.5 s of CPU; each kept one holds about 100 MB.", min = "0")
    int pooledDecoders() default 2;

    @AttributeDefinition(description = "The least audio, in milliseconds, between two partial results of an "
            + "utterance (one is reported only when its text changed); 0 reports none.", min = "0")
    int partialIntervalMillis() default 300;

    @AttributeDefinition(description = "How long the caller must be silent, in milliseconds, for an utterance to "
            + "end and its final result to be reported (pocketsphinx's -vad_postspeech, in steps of 10 ms).",
            min = "100", max = "5000")
    int speechEndMillis() default 500;
}
