/**
 * Export of a catalogue network to ONNX: the DL4J graph that {@code architectures/} defines, with
 * a version's weights, written as an ONNX model that any ONNX runtime can serve, and the
 * {@code export-onnx} command. Reads the DL4J graph only; no web types.
 */
package org.cnnserve.export;
