/** Labelled image data sets on disk (Fashion-MNIST's IDX files), for training and validation. */
package org.cnnserve.datasets;
