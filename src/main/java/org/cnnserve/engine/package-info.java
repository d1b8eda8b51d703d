/**
 * The native inference engine: a served network compiled from its DL4J graph into libnd4j's native
 * ops, run channels-last (NHWC) with BatchNorm folded into the convolutions, so that a oneDNN build
 * of libnd4j runs its convolutions. Training and the DL4J engine keep the DL4J graph; this package
 * only reads it. No web types.
 */
package org.cnnserve.engine;
