/**
 * The HTTP API: classify requests, model listings, the architectures' arithmetic, and the mapping
 * of every failure to an RFC 9457 problem document.
 */
package org.cnnserve.classify;
