/**
 * The onnx engine: a model.onnx file (written by another framework, or exported from a DL4J graph)
 * run by ONNX Runtime behind the same {@link org.cnnserve.serving.BatchModel} interface as the other
 * engines. {@link OnnxModelFile} is the entry point: it reads the graph's facts from ONNX's protobuf
 * (inputs, outputs, parameters, MACs, whether it ends in a softmax), checks them against a model's
 * config, and opens one ONNX Runtime session per replica. No web types.
 */
package org.cnnserve.engine.onnx;
