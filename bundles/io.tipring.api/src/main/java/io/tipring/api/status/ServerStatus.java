package io.tipring.api.status;

import org.osgi.annotation.versioning.ProviderType;

/** Reports whether the server is whole: every bundle active, every component satisfied. */
@ProviderType
public interface ServerStatus {

    /** @return the server's state now */
    StatusReport report();
}
