package io.tipring.features;

/**
 * How a bundle is installed: what a feature's {@code <bundle>} says, and what the distribution's folders say.
 *
 * @param startLevel its start level, 0 where a feature leaves it to Karaf's default
 * @param started    false for a bundle that is installed and never started (a fragment)
 */
record Placement(int startLevel, boolean started) {

    @Override
    public String toString() {
        return "start-level " + startLevel + (started ? "" : ", not started");
    }
}
