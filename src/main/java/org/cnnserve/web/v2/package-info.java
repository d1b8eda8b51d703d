/**
 * The Open Inference Protocol (KServe V2) over HTTP/REST, next to {@code /v1}: server and model
 * health and metadata, and inference with Triton's binary tensor data and classification
 * extensions. Errors answer the protocol's {@code {"error": "..."}} form, not problem documents.
 */
package org.cnnserve.web.v2;
