/**
 * The HTTP API: the controllers for classify requests, model listings, validation jobs and the
 * architectures' arithmetic; reading query parameters; and the mapping of every failure, by the
 * kind its exception carries, to an RFC 9457 problem document. The features below know nothing
 * of HTTP, and nothing outside this package imports it.
 */
package org.cnnserve.web;
