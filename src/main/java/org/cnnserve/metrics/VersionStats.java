package org.cnnserve.metrics;

/**
 * What the live meters say of one model version since the service started: the page's latency and
 * throughput columns, as numbers rather than Prometheus text. A figure is {@code null} until there
 * is something to measure it on.
 *
 * @param requests          classify requests answered 200
 * @param p50Ms             median end-to-end latency of those requests, estimated from the histogram buckets
 *                          as Prometheus's {@code histogram_quantile} does
 * @param p99Ms             99th percentile of the same
 * @param forwardPassMs     mean forward-pass time of one batch
 * @param meanBatchSize     mean images per forward pass
 * @param imagesPerSecond   images per second of forward-pass time: what the replicas reach while busy
 * @param requestsPerSecond requests answered 200 per second over the last {@link RecentRate#WINDOW} or so
 */
public record VersionStats(String model, int version, long requests, Double p50Ms, Double p99Ms,
                           Double forwardPassMs, Double meanBatchSize, Double imagesPerSecond,
                           Double requestsPerSecond) {
}
