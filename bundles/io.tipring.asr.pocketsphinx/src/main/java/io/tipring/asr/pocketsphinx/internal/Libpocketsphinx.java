package io.tipring.asr.pocketsphinx.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the C API of pocketsphinx 5prealpha (Debian's {@code libpocketsphinx3}, with {@code libsphinxbase3})
 * that tipring calls, mapped by JNA. The signatures are those of Debian's {@code pocketsphinx.h},
 * {@code sphinxbase/cmd_ln.h} and {@code sphinxbase/err.h} (0.8+5prealpha+1): {@code int32} is a C {@code int},
 * {@code uint8} a byte, {@code size_t} a C {@code long} on Linux. A wrong one here crashes the JVM, so change
 * none without reading those headers.
 * <p>
 * The sphinxbase functions are found through libpocketsphinx, which links libsphinxbase: a symbol looked up in a
 * library is also looked up in the libraries it depends on, so the two always match.
 */
interface Libpocketsphinx extends Library {

    /** Every function above, checked at load time so that another library version fails then and not mid-call. */
    List<String> FUNCTIONS = List.of("ps_args", "cmd_ln_init", "cmd_ln_free_r", "ps_init", "ps_free",
            "ps_start_stream", "ps_start_utt", "ps_process_raw", "ps_get_in_speech", "ps_get_hyp", "ps_end_utt",
            "err_set_logfp");

    /** The Debian package that has the library, for messages. */
    String PACKAGE = "libpocketsphinx3";

    /** {@code arg_t const *ps_args(void)}: the definitions of the decoder's options. */
    Pointer ps_args();

    /**
     * {@code cmd_ln_t *cmd_ln_init(cmd_ln_t *inout_cmdln, arg_t const *defn, int32 strict, ...)}: options as
     * name, value, ..., NULL; copies the strings.
     */
    Pointer cmd_ln_init(Pointer inout, Pointer definitions, int strict, Object... namesAndValues);

    /** {@code int cmd_ln_free_r(cmd_ln_t *cmdln)}: drops one reference; returns the references left. */
    int cmd_ln_free_r(Pointer config);

    /** {@code ps_decoder_t *ps_init(cmd_ln_t *config)}: NULL on failure; keeps its own reference to config. */
    Pointer ps_init(Pointer config);

    /** {@code int ps_free(ps_decoder_t *ps)}. */
    int ps_free(Pointer decoder);

    /** {@code int ps_start_stream(ps_decoder_t *ps)}: a new stream; resets the noise estimate of the VAD. */
    int ps_start_stream(Pointer decoder);

    /** {@code int ps_start_utt(ps_decoder_t *ps)}: 0, or below 0 on error. */
    int ps_start_utt(Pointer decoder);

    /**
     * {@code int ps_process_raw(ps_decoder_t *ps, int16 const *data, size_t n_samples, int no_search,
     * int full_utt)}: the frames searched, or below 0 on error.
     */
    int ps_process_raw(Pointer decoder, Pointer data, NativeLong samples, int noSearch, int fullUtterance);

    /** {@code uint8 ps_get_in_speech(ps_decoder_t *ps)}: whether the VAD is in speech after the last audio. */
    byte ps_get_in_speech(Pointer decoder);

    /**
     * {@code char const *ps_get_hyp(ps_decoder_t *ps, int32 *out_best_score)}: the best hypothesis so far, owned by
     * the decoder (valid until its next call), or NULL.
     */
    Pointer ps_get_hyp(Pointer decoder, Pointer bestScore);

    /** {@code int ps_end_utt(ps_decoder_t *ps)}. */
    int ps_end_utt(Pointer decoder);

    /** {@code void err_set_logfp(FILE *stream)}: NULL turns sphinxbase's logging off (for the whole process). */
    void err_set_logfp(Pointer stream);

    /**
     * Loads the library.
     *
     * @param library a bare name ({@code pocketsphinx}: {@code libpocketsphinx.so.3} first, since Debian's runtime
     *                package has no {@code libpocketsphinx.so} link, then whatever JNA finds for the name), a file
     *                name such as {@code libpocketsphinx.so.3}, or an absolute path
     * @return the library, with sphinxbase's logging turned off
     * @throws LoadFailure with a message for an operator if no candidate loads or one lacks a function
     */
    static Libpocketsphinx load(String library) throws LoadFailure {
        if (Native.SIZE_T_SIZE != Native.LONG_SIZE) {
            throw new LoadFailure("pocketsphinx is supported only where size_t is a C long (Linux, macOS)");
        }
        List<String> candidates = new ArrayList<>();
        boolean bare = !library.contains("/") && !library.contains(".so") && !library.startsWith("lib");
        if (bare) {
            candidates.add("lib" + library + ".so.3");
        }
        candidates.add(library);
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                NativeLibrary nativeLibrary = NativeLibrary.getInstance(candidate);
                for (String function : FUNCTIONS) {
                    nativeLibrary.getFunction(function);
                }
                Libpocketsphinx loaded = Native.load(candidate, Libpocketsphinx.class);
                loaded.err_set_logfp(null);
                return loaded;
            } catch (UnsatisfiedLinkError e) {
                failures.add(candidate + ": " + firstLine(e.getMessage()));
            }
        }
        throw new LoadFailure(PACKAGE + " is not installed, or is not pocketsphinx 5prealpha (could not load "
                + String.join("; ", failures) + ")");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The library could not be loaded; the message says why, for an operator. */
    final class LoadFailure extends Exception {

        private static final long serialVersionUID = 1L;

        LoadFailure(String message) {
            super(message, null, false, false);
        }
    }
}
