/** Micrometer meters of the serving engine, exported on {@code /actuator/prometheus}; all in one place. */
package org.cnnserve.metrics;
