package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/** A synthesis under way. */
@ConsumerType
public interface Synthesis {

    /** Stops it and frees what it holds (a process, a connection); calling it again does nothing. */
    void cancel();
}
