package org.cnnserve.serving;

/**
 * Runs a pass of work, and runs it again while it was asked for during the pass on the same thread.
 * A batch that completes synchronously, or a caller's callback that submits again, would otherwise
 * recurse into the batcher once per batch; here it only asks the outer loop to go round again, so the
 * stack stays flat however many batches follow each other.
 */
final class Trampoline {

    private final Runnable pass;
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

    Trampoline(Runnable pass) {
        this.pass = pass;
    }

    void run() {
        State current = state.get();
        if (current.running) {
            current.again = true;
            return;
        }
        current.running = true;
        try {
            do {
                current.again = false;
                pass.run();
            } while (current.again);
        } finally {
            state.remove();
        }
    }

    private static final class State {
        boolean running;
        boolean again;
    }
}
