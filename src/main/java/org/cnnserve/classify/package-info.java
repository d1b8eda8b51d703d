/**
 * Classification without HTTP: find the model version, decode and preprocess the image, queue it,
 * wait within the deadline and pick the top k classes; and the observer that metrics hang on it.
 */
package org.cnnserve.classify;
