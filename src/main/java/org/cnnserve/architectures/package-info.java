/**
 * Network definitions of the lecture's architectures, as Deeplearning4j graph configurations
 * parameterised by input shape and class count. Nothing here knows about serving or HTTP.
 */
package org.cnnserve.architectures;
