/**
 * The serving engine: the worker that owns a model replica and runs requests on it, the dynamic
 * batcher that groups queued requests into batches for a set of replicas, their bounded queues and
 * their overload answers. No web types here; the HTTP layer maps these exceptions.
 */
package org.cnnserve.serving;
