/**
 * The model repository on disk and the lifecycle of the models loaded from it
 * (LOADING, READY, FAILED, UNLOADING). Knows nothing about HTTP.
 */
package org.cnnserve.registry;
