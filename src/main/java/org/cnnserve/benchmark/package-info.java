/**
 * The {@code bench-engine} command: the raw forward-pass throughput of a model, with no HTTP and no
 * batcher, as the yardstick the service's throughput is compared with.
 */
package org.cnnserve.benchmark;
