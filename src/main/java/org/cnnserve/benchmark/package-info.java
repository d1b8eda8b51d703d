/**
 * The {@code bench} commands: the raw forward-pass throughput of a model, with no HTTP and no
 * batcher, as the yardstick the service's throughput is compared with ({@code bench engine}); the
 * native engine against DL4J's layers ({@code bench engines}); every architecture's throughput
 * ({@code bench architectures}).
 */
package org.cnnserve.benchmark;
