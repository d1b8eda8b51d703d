package org.cnnserve.validation;

/** Watches validation results, for metrics. */
public interface ValidationObserver {

    ValidationObserver NONE = new ValidationObserver() {
    };

    /** A report was stored, or loaded at start-up; it replaces the one for its model, version and data set. */
    default void reportStored(ValidationReport report) {
    }

    /** The model's config asks this version to keep a top-1 accuracy of at least {@code floor}. */
    default void accuracyFloor(String model, int version, double floor) {
    }
}
