package io.tipring.asr.pocketsphinx.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings checked and resolved.
 *
 * @param model                 what a decoder is made of; decoders made of another are not reused
 * @param maxConcurrent         recognitions at once
 * @param pooledDecoders        decoders kept loaded between recognitions
 * @param partialIntervalMillis least audio between partial results, 0 for none
 */
record Settings(Model model, int maxConcurrent, int pooledDecoders, int partialIntervalMillis) {

    /**
     * What a decoder is loaded from and with.
     *
     * @param library         the library, as {@link Libpocketsphinx#load} takes it
     * @param hmm             the acoustic model's directory
     * @param languageModel   the n-gram file
     * @param dictionary      the pronunciation dictionary
     * @param speechEndMillis silence that ends an utterance, a multiple of 10 ms
     * @param narrowbandMean  the -cmninit of decoders for audio below 16 kHz, or empty for the model's own
     */
    record Model(String library, Path hmm, Path languageModel, Path dictionary, int speechEndMillis,
            String narrowbandMean) {

        /** @return the acoustic model's own feature parameters */
        Path featureParameters() {
            return hmm.resolve("feat.params");
        }

        /** The acoustic model's files that pocketsphinx needs; one of the two mixture weight files must be there. */
        private static final List<String> HMM_FILES =
                List.of("mdef", "means", "variances", "transition_matrices", "noisedict", "feat.params");
        private static final String PACKAGE = "pocketsphinx-en-us";

        /**
         * Checks the model's files before pocketsphinx reads them: some of its errors on a missing or unreadable
         * file end the whole process instead of returning an error.
         *
         * @return what is missing, for an operator; empty if every file is there
         */
        Optional<String> missing() {
            if (!Files.isDirectory(hmm)) {
                return Optional.of(missing("the acoustic model directory " + hmm));
            }
            for (String file : HMM_FILES) {
                if (!Files.isReadable(hmm.resolve(file))) {
                    return Optional.of(missing("the acoustic model file " + hmm.resolve(file)));
                }
            }
            if (!Files.isReadable(hmm.resolve("sendump")) && !Files.isReadable(hmm.resolve("mixture_weights"))) {
                return Optional.of(missing("the acoustic model's mixture weights (sendump or mixture_weights) in "
                        + hmm));
            }
            if (!Files.isRegularFile(languageModel) || !Files.isReadable(languageModel)) {
                return Optional.of(missing("the language model " + languageModel));
            }
            if (!Files.isRegularFile(dictionary) || !Files.isReadable(dictionary)) {
                return Optional.of(missing("the dictionary " + dictionary));
            }
            return Optional.empty();
        }

        private static String missing(String what) {
            return "the pocketsphinx model is not installed: " + what + " is missing or unreadable (the default "
                    + "model is the Debian package " + PACKAGE + ")";
        }
    }

    /** The silence step of pocketsphinx's VAD: a frame is 10 ms. */
    static final int FRAME_MILLIS = 10;
    private static final String NUMBER = "-?\\d+(\\.\\d+)?";
    private static final Pattern CEPSTRAL_MEAN = Pattern.compile(NUMBER + "(," + NUMBER + ")*");

    /**
     * @param config the configuration
     * @return the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    static Settings of(PocketsphinxConfig config) {
        Path directory = Path.of(config.modelDirectory());
        if (config.library().isBlank()) {
            throw new IllegalArgumentException("library must not be empty");
        }
        int speechEnd = config.speechEndMillis();
        if (speechEnd < 100 || speechEnd > 5000) {
            throw new IllegalArgumentException("speechEndMillis must be 100 to 5000: " + speechEnd);
        }
        if (config.maxConcurrent() < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + config.maxConcurrent());
        }
        if (config.pooledDecoders() < 0) {
            throw new IllegalArgumentException("pooledDecoders must not be negative: " + config.pooledDecoders());
        }
        if (config.partialIntervalMillis() < 0) {
            throw new IllegalArgumentException("partialIntervalMillis must not be negative: "
                    + config.partialIntervalMillis());
        }
        String mean = config.narrowbandCepstralMean().replaceAll("\\s+", "");
        if (!mean.isEmpty() && !CEPSTRAL_MEAN.matcher(mean).matches()) {
            throw new IllegalArgumentException("narrowbandCepstralMean must be numbers separated by commas: " + mean);
        }
        Model model = new Model(config.library().strip(), directory.resolve(config.hmm()),
                directory.resolve(config.languageModel()), directory.resolve(config.dictionary()),
                speechEnd / FRAME_MILLIS * FRAME_MILLIS, mean);
        return new Settings(model, config.maxConcurrent(), Math.min(config.pooledDecoders(), config.maxConcurrent()),
                config.partialIntervalMillis());
    }

    /** @return the settings for a log line */
    String describe() {
        return "model " + model.hmm() + ", " + model.languageModel().getFileName() + ", "
                + model.dictionary().getFileName() + ", library " + model.library() + ", at most " + maxConcurrent
                + " at once, " + pooledDecoders + " decoders kept, partial results every "
                + (partialIntervalMillis == 0 ? "(none)" : partialIntervalMillis + " ms") + ", utterances end after "
                + model.speechEndMillis() + " ms of silence";
    }
}
