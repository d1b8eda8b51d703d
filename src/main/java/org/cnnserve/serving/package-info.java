/**
 * The serving engine: the worker that owns a model replica and runs requests on it, its bounded
 * queue and its overload answers. No web types here; the HTTP layer maps these exceptions.
 */
package org.cnnserve.serving;
