package org.cnnserve.serving;

/** The model's queue is at capacity: the caller should retry later (HTTP 429). */
public class QueueFullException extends RuntimeException {

    private final int capacity;

    public QueueFullException(String model, int capacity) {
        super("the queue of " + model + " is full (" + capacity + " requests waiting); retry later");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
