/**
 * The {@code train} command: trains a catalogue architecture on a labelled data set and writes a
 * new version, with its training record, into the model repository. Runs without the web server.
 */
package org.cnnserve.training;
