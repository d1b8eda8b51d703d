package org.cnnserve.registry;

/**
 * One line of the repository index: a model version the registry serves, loads, drains or unloaded,
 * or a version folder on disk it has not loaded.
 *
 * @param version {@code null} for a model folder with no version known to the registry or on disk
 * @param reason  why the version is in its state, where there is a reason (FAILED, UNAVAILABLE)
 */
public record IndexEntry(String name, Integer version, ModelState state, String reason) {
}
