package io.tipring.api.speech;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * End of utterance: decides whether a caller who paused has finished their turn, or only stopped to think,
 * so that an application answers neither too early nor too late.
 */
@ConsumerType
public interface EouProvider {

    /**
     * @param request what the caller said so far and how long they have been silent
     * @return completes with the decision, from the provider's thread; completes exceptionally (or late) when
     *         the provider fails, and tipring then goes by timing alone
     */
    CompletionStage<Boolean> isComplete(EouRequest request);
}
