package org.cnnserve.registry;

/**
 * What the API reports of one model version.
 *
 * @param parameters  learnable parameters, counted as the reference implementations do
 *                    (BatchNorm running mean and variance excluded); 0 until loaded
 * @param buffers     BatchNorm running statistics, which DL4J stores among its parameters
 * @param loadMillis  time from the start of loading until READY or FAILED; 0 while loading
 */
public record VersionStatus(int version, ModelState state, String reason, WeightsStatus weights,
                            long parameters, long buffers, long loadMillis) {
}
