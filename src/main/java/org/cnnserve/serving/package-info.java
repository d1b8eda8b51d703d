/**
 * The serving engine: the worker that owns a model replica and runs requests on it, the dynamic
 * batcher that groups queued requests into batches for a set of replicas, their bounded queues and
 * their overload answers. No web types here; the HTTP layer maps these exceptions. No engine or
 * DL4J/ND4J types either: a replica is a {@link org.cnnserve.serving.BatchModel}, and the engine binds
 * a worker's thread to its device through a {@link org.cnnserve.serving.DeviceBinding}.
 */
package org.cnnserve.serving;
