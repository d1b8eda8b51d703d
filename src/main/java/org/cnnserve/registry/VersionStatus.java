package org.cnnserve.registry;

/**
 * What the API reports of one model version.
 *
 * @param engine          where its replicas run: {@code native}, {@code dl4j} or {@code onnx}; {@code null} until loaded
 * @param parameters      learnable parameters, counted as the reference implementations do
 *                        (BatchNorm running mean and variance excluded); 0 until loaded
 * @param buffers         BatchNorm running statistics, which DL4J stores among its parameters
 * @param parameterBytes  parameters and buffers at fp32, as the replica holds them
 * @param macs            multiply-adds per image, from the architecture analysis of the loaded graph
 * @param activationBytes one image's forward-pass values at fp32 (every layer's output and the input)
 * @param loadMillis      time from the start of loading until READY or FAILED; 0 while loading
 * @param load            the process's resident memory before and after the version's replicas loaded
 *                        and warmed up; {@code null} until they have
 */
public record VersionStatus(int version, ModelState state, String reason, WeightsStatus weights, String engine,
                            long parameters, long buffers, long parameterBytes, long macs, long activationBytes,
                            long loadMillis, LoadMemory load) {
}
