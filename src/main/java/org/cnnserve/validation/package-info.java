/**
 * The accuracy job: runs a labelled data set through a model version's own scheduler, next to live
 * traffic, and keeps the result (top-1, top-5, per class, confusion matrix, latency) next to the
 * version so that it survives a restart. No web types here; the HTTP API is in {@code classify}.
 */
package org.cnnserve.validation;
