package io.tipring.denoise.spectral.internal;

/**
 * A discrete Fourier transform of real signals whose length is a power of two: the signal's even and odd samples
 * go through one complex radix-2 FFT of half the length as its real and imaginary parts, and the two spectra are
 * separated afterwards (the "two for one" method of Numerical Recipes, section 12.3). All buffers are allocated
 * once, so a transform allocates nothing; one thread at a time.
 * <p>
 * The forward transform is not scaled; {@link #inverse} divides by the length, so that a round trip returns the
 * signal.
 */
final class RealFft {

    private final int size;
    private final int half;
    private final int[] reversed;
    /** e^(-2 pi i k / half), the complex FFT's twiddle factors, for k below half / 2. */
    private final double[] cos;
    private final double[] sin;
    /** e^(-2 pi i k / size), which separates the even and odd samples' spectra, for k up to half. */
    private final double[] splitCos;
    private final double[] splitSin;
    private final double[] zr;
    private final double[] zi;

    /**
     * @param size the signal's length: a power of two, 4 or more
     * @throws IllegalArgumentException if it is not
     */
    RealFft(int size) {
        if (size < 4 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, 4 or more: " + size);
        }
        this.size = size;
        this.half = size / 2;
        int bits = Integer.numberOfTrailingZeros(half);
        reversed = new int[half];
        for (int i = 0; i < half; i++) {
            reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[Math.max(1, half / 2)];
        sin = new double[cos.length];
        for (int k = 0; k < cos.length; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / half);
            sin[k] = -Math.sin(2 * Math.PI * k / half);
        }
        splitCos = new double[half + 1];
        splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            splitCos[k] = Math.cos(2 * Math.PI * k / size);
            splitSin[k] = -Math.sin(2 * Math.PI * k / size);
        }
        zr = new double[half];
        zi = new double[half];
    }

    /** @return the signal's length */
    int size() {
        return size;
    }

    /** @return how many bins a spectrum has: from 0 Hz to half the rate, both included */
    int bins() {
        return half + 1;
    }

    /**
     * @param signal {@link #size()} real samples; not changed
     * @param re     the spectrum's real parts, {@link #bins()} of them
     * @param im     its imaginary parts
     */
    void forward(double[] signal, double[] re, double[] im) {
        for (int n = 0; n < half; n++) {
            zr[n] = signal[2 * n];
            zi[n] = signal[2 * n + 1];
        }
        transform(zr, zi);
        for (int k = 0; k <= half; k++) {
            int a = k == half ? 0 : k;
            int b = k == 0 ? 0 : half - k;
            // The even samples' spectrum E and the odd samples' O, from Z = E + iO and Z's mirror.
            double er = 0.5 * (zr[a] + zr[b]);
            double ei = 0.5 * (zi[a] - zi[b]);
            double or = 0.5 * (zi[a] + zi[b]);
            double oi = -0.5 * (zr[a] - zr[b]);
            re[k] = er + splitCos[k] * or - splitSin[k] * oi;
            im[k] = ei + splitCos[k] * oi + splitSin[k] * or;
        }
    }

    /**
     * @param re     a spectrum's real parts, {@link #bins()} of them, of a real signal; not changed
     * @param im     its imaginary parts (those of the first and last bin are taken as zero); not changed
     * @param signal receives the {@link #size()} samples
     */
    void inverse(double[] re, double[] im, double[] signal) {
        for (int k = 0; k < half; k++) {
            int m = half - k;
            double xr = re[k];
            double xi = k == 0 ? 0 : im[k];
            double yr = re[m];
            double yi = m == half ? 0 : -im[m];
            // E = (X[k] + conj X[half - k]) / 2, O = (X[k] - conj X[half - k]) / 2 * e^(2 pi i k / size).
            double er = 0.5 * (xr + yr);
            double ei = 0.5 * (xi + yi);
            double dr = 0.5 * (xr - yr);
            double di = 0.5 * (xi - yi);
            double or = dr * splitCos[k] + di * splitSin[k];
            double oi = di * splitCos[k] - dr * splitSin[k];
            // Z = E + iO, conjugated so that the forward transform computes the inverse.
            zr[k] = er - oi;
            zi[k] = -(ei + or);
        }
        transform(zr, zi);
        double scale = 1.0 / half;
        for (int n = 0; n < half; n++) {
            signal[2 * n] = zr[n] * scale;
            signal[2 * n + 1] = -zi[n] * scale;
        }
    }

    /** The complex FFT of {@code half} points in place: iterative radix 2, decimation in time. */
    private void transform(double[] re, double[] im) {
        for (int i = 0; i < half; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int span = 1; span < half; span <<= 1) {
            int step = half / (2 * span);
            for (int start = 0; start < half; start += 2 * span) {
                for (int j = 0; j < span; j++) {
                    double wr = cos[j * step];
                    double wi = sin[j * step];
                    int p = start + j;
                    int q = p + span;
                    double tr = wr * re[q] - wi * im[q];
                    double ti = wr * im[q] + wi * re[q];
                    re[q] = re[p] - tr;
                    im[q] = im[p] - ti;
                    re[p] += tr;
                    im[p] += ti;
                }
            }
        }
    }
}
