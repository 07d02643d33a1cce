package io.tipring.asr.pocketsphinx.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loaded decoders kept between recognitions, since loading one takes 0.3 to 0.5 s of CPU; and the library, loaded
 * once. A decoder is in the pool or held by one recognition, never both: whoever holds it last frees it.
 * <p>
 * Decoders for audio below 16 kHz (narrowband) and at 16 kHz or above (wideband) are kept apart: a decoder adapts
 * its cepstral mean to the audio it hears, and a mean learnt on phone audio is wrong for wideband audio and the
 * reverse. Narrowband decoders start from the configured narrowband mean, written into a copy of the acoustic
 * model's feat.params (pocketsphinx reads it after its options, so an option alone cannot change it).
 * <p>
 * Decoders are loaded one at a time: pocketsphinx shares a little global state (its logging) between decoders,
 * and loading several at once would only slow each.
 */
final class DecoderPool {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderPool.class);
    /** How long a library that failed to load is not tried again. */
    private static final long RETRY_NANOS = 30_000_000_000L;

    private final Object lock = new Object();
    private final Object loading = new Object();
    private final ArrayDeque<Decoder> idle = new ArrayDeque<>();
    /** Each library loaded, or why it did not load and when; guarded by {@link #loading}. */
    private final Map<String, Object> libraries = new HashMap<>();
    /** The messages already logged, so that a missing package is logged once and not on every call. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    /** The narrowband feat.params written, and for which model; guarded by {@link #loading}. */
    private Path narrowbandParameters;
    private Settings.Model narrowbandParametersModel;
    private Settings.Model model;
    private int keep;
    private boolean closed;

    /**
     * @param model what decoders are loaded from
     * @param keep  how many idle decoders are kept
     */
    DecoderPool(Settings.Model model, int keep) {
        this.model = model;
        this.keep = keep;
    }

    /**
     * Takes a kept decoder, or loads one (on the caller's thread, which waits).
     *
     * @param narrowband whether the audio is below 16 kHz
     * @return a decoder of the current model, between utterances
     * @throws Decoder.Failure if the library or the model cannot be loaded, or the pool is closed
     */
    Decoder acquire(boolean narrowband) throws Decoder.Failure {
        Settings.Model wanted;
        synchronized (lock) {
            if (closed) {
                throw new Decoder.Failure("the pocketsphinx provider stopped");
            }
            for (Iterator<Decoder> it = idle.iterator(); it.hasNext();) {
                Decoder decoder = it.next();
                if (decoder.narrowband() == narrowband) {
                    it.remove();
                    return decoder;
                }
            }
            wanted = model;
        }
        synchronized (loading) {
            long start = System.nanoTime();
            try {
                Libpocketsphinx ps = library(wanted.library());
                String missing = wanted.missing().orElse(null);
                if (missing != null) {
                    throw new Decoder.Failure(missing);
                }
                Decoder loaded = Decoder.load(ps, wanted, narrowband, narrowband ? narrowbandParameters(wanted) : null);
                LOG.debug("pocketsphinx decoder loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
                return loaded;
            } catch (Decoder.Failure e) {
                if (logged.add(e.getMessage())) {
                    LOG.error("pocketsphinx cannot recognize speech: {}", e.getMessage());
                }
                throw e;
            }
        }
    }

    /**
     * Takes a decoder back: keeps it if the pool has room and it is of the current model, else frees it.
     *
     * @param decoder between utterances; no longer used by the caller
     */
    void release(Decoder decoder) {
        Decoder dropped = decoder;
        synchronized (lock) {
            if (!closed && keep > 0 && decoder.model().equals(model)) {
                idle.addFirst(decoder);
                dropped = idle.size() > keep ? idle.pollLast() : null;
            }
        }
        if (dropped != null) {
            dropped.free();
        }
    }

    /**
     * New settings: decoders of another model are no longer kept (those held now are freed when released).
     *
     * @param model what decoders are loaded from from now on
     * @param keep  how many are kept
     */
    void reconfigure(Settings.Model model, int keep) {
        List<Decoder> dropped = new ArrayList<>();
        synchronized (lock) {
            this.model = model;
            this.keep = keep;
            idle.removeIf(decoder -> {
                boolean drop = !decoder.model().equals(model);
                if (drop) {
                    dropped.add(decoder);
                }
                return drop;
            });
            while (idle.size() > keep) {
                dropped.add(idle.pollLast());
            }
        }
        dropped.forEach(Decoder::free);
        logged.clear();
    }

    /** Frees the kept decoders (those held now are freed when released) and deletes the files it wrote. */
    void close() {
        List<Decoder> dropped;
        synchronized (lock) {
            closed = true;
            dropped = new ArrayList<>(idle);
            idle.clear();
        }
        dropped.forEach(Decoder::free);
        synchronized (loading) {
            deleteNarrowbandParameters();
        }
    }

    /** @return how many decoders are kept now (for tests) */
    int idle() {
        synchronized (lock) {
            return idle.size();
        }
    }

    /**
     * Loads the library the first time it is asked for. A failure is remembered for a while, so that calls do not
     * each try again, but not for good: installing the package later needs no restart. Guarded by
     * {@link #loading}.
     */
    private Libpocketsphinx library(String name) throws Decoder.Failure {
        Object known = libraries.get(name);
        if (known instanceof Libpocketsphinx loaded) {
            return loaded;
        }
        if (known instanceof LoadFailed failed && System.nanoTime() - failed.nanoTime() < RETRY_NANOS) {
            throw new Decoder.Failure(failed.message());
        }
        try {
            Libpocketsphinx loaded = Libpocketsphinx.load(name);
            libraries.put(name, loaded);
            LOG.info("pocketsphinx library loaded ({})", name);
            return loaded;
        } catch (Libpocketsphinx.LoadFailure e) {
            libraries.put(name, new LoadFailed(e.getMessage(), System.nanoTime()));
            throw new Decoder.Failure(e.getMessage());
        }
    }

    /**
     * @return the model's feat.params with the narrowband cepstral mean, written once per model; or null to use
     *         the model's own (no narrowband mean configured). Guarded by {@link #loading}.
     */
    private Path narrowbandParameters(Settings.Model wanted) throws Decoder.Failure {
        if (wanted.narrowbandMean().isEmpty()) {
            return null;
        }
        if (wanted.equals(narrowbandParametersModel) && narrowbandParameters != null
                && Files.isReadable(narrowbandParameters)) {
            return narrowbandParameters;
        }
        deleteNarrowbandParameters();
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(wanted.featureParameters(), StandardCharsets.UTF_8)) {
                if (!line.strip().startsWith("-cmninit")) {
                    lines.add(line);
                }
            }
            lines.add("-cmninit " + wanted.narrowbandMean());
            Path written = Files.createTempFile("tipring-pocketsphinx-", "-feat.params");
            written.toFile().deleteOnExit();
            Files.write(written, lines, StandardCharsets.UTF_8);
            narrowbandParameters = written;
            narrowbandParametersModel = wanted;
            return written;
        } catch (IOException e) {
            throw new Decoder.Failure("could not write the narrowband feature parameters of pocketsphinx: " + e);
        }
    }

    private void deleteNarrowbandParameters() {
        if (narrowbandParameters != null) {
            try {
                Files.deleteIfExists(narrowbandParameters);
            } catch (IOException e) {
                LOG.debug("could not delete {}", narrowbandParameters, e);
            }
            narrowbandParameters = null;
            narrowbandParametersModel = null;
        }
    }

    private record LoadFailed(String message, long nanoTime) {
    }
}
