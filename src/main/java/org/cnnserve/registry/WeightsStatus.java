package org.cnnserve.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a version's weights came from training or from initialisation only. */
public enum WeightsStatus {
    /** Read from the version's {@code model.zip}. */
    TRAINED,
    /** Initialised from a seed because the version has no weights and the config allows it. */
    UNTRAINED;

    /** As the API writes it: {@code trained} or {@code untrained}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
