package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class DrainLingerTests {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(5_000 * MS);
    private final DrainConnectionFilter filter = new DrainConnectionFilter(clock::get);
    private final DrainProperties properties = new DrainProperties(Duration.ofSeconds(2), Duration.ofMillis(250));

    private void request() {
        request(new MockHttpServletResponse());
    }

    private void request(MockHttpServletResponse response) {
        try {
            filter.doFilter(new MockHttpServletRequest("POST", "/v1/models/m/classify"), response,
                    new MockFilterChain());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIdleServiceStopsAtOnce() {
        clock.addAndGet(60_000 * MS);
        long start = clock.get();

        new DrainLinger(filter, properties, () -> { }, clock::get, clock::addAndGet).stop();

        assertThat(clock.get()).isEqualTo(start);
    }

    @Test
    void waitsUntilNoRequestHasStartedForTheQuietTime() {
        request();
        clock.addAndGet(100 * MS);
        long start = clock.get();

        new DrainLinger(filter, properties, () -> { }, clock::get, clock::addAndGet).stop();

        assertThat(clock.get() - start).isEqualTo(150 * MS);
    }

    @Test
    void clientsThatKeepSendingHoldItBackForTheWholeLingerAndAreToldToClose() {
        filter.shutdownBegan();
        long start = clock.get();
        MockHttpServletResponse[] last = new MockHttpServletResponse[1];
        DrainLinger linger = new DrainLinger(filter, properties, () -> { }, clock::get, nanos -> {
            clock.addAndGet(nanos);
            last[0] = new MockHttpServletResponse();
            try {
                filter.doFilter(new MockHttpServletRequest("POST", "/v1/models/m/classify"), last[0],
                        new MockFilterChain());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        linger.stop();

        assertThat(clock.get() - start).isEqualTo(2_000 * MS);
        assertThat(last[0].getHeader("Connection")).isEqualTo("close");
        assertThat(linger.isRunning()).isFalse();
    }

    @Test
    void whenShutdownBeginsTheListeningSocketClosesBeforeAnyAnswerSaysClose() {
        MockHttpServletResponse[] seen = new MockHttpServletResponse[1];
        DrainLinger linger = new DrainLinger(filter, properties, () -> {
            seen[0] = new MockHttpServletResponse();
            try {
                filter.doFilter(new MockHttpServletRequest("GET", "/v1/models"), seen[0], new MockFilterChain());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, clock::get, clock::addAndGet);

        linger.shutdownBegan();

        assertThat(seen[0].getHeader("Connection")).isNull();
        MockHttpServletResponse after = new MockHttpServletResponse();
        request(after);
        assertThat(after.getHeader("Connection")).isEqualTo("close");
    }
}
