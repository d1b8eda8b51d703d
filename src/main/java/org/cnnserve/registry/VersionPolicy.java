package org.cnnserve.registry;

/** Which of a model's version folders are loaded. */
public enum VersionPolicy {
    /** Only the highest-numbered version (the default, as in Triton and TF Serving). */
    LATEST,
    /** Every version folder. */
    ALL
}
