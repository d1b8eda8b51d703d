package org.cnnserve.serving;

import java.util.function.Consumer;

/**
 * The one pending timer wake-up of a {@link DynamicBatcher}, kept for the queued request it waits for.
 * Not thread-safe: the batcher's lock guards it.
 */
final class WakeupSlot {

    private final Timer timer;
    private final Consumer<Object> onWake;
    private Pending pending;

    /** @param onWake called on the timer's thread with the token of the wake-up that fired */
    WakeupSlot(Timer timer, Consumer<Object> onWake) {
        this.timer = timer;
        this.onWake = onWake;
    }

    /**
     * Makes one wake-up due {@code remainingNanos} from now for {@code oldest}; a pending one for the
     * same request is kept, so that requests joining it do not push its wake-up back.
     *
     * @throws RuntimeException when the timer refuses the task (for example once it is closed)
     */
    void await(QueuedRequest oldest, long remainingNanos) {
        if (pending != null && pending.request == oldest) {
            return;
        }
        cancel();
        Pending next = new Pending(oldest);
        next.scheduled = timer.schedule(() -> onWake.accept(next), remainingNanos);
        pending = next;
    }

    void cancel() {
        if (pending != null) {
            pending.scheduled.cancel();
            pending = null;
        }
    }

    /**
     * Clears the slot if {@code fired} is its pending wake-up, so that the next decision may schedule
     * another; false for one that was replaced or cancelled while it was about to run.
     */
    boolean claim(Object fired) {
        if (pending != fired) {
            return false;
        }
        pending = null;
        return true;
    }

    private static final class Pending {
        final QueuedRequest request;
        Timer.Cancellable scheduled;

        Pending(QueuedRequest request) {
            this.request = request;
        }
    }
}
