package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class DrainConnectionFilterTests {

    private final DrainConnectionFilter filter = new DrainConnectionFilter();

    private MockHttpServletResponse answer() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/v1/models/m/classify"), response, new MockFilterChain());
        return response;
    }

    @Test
    void answersKeepTheConnectionWhileServing() throws Exception {
        assertThat(answer().getHeader("Connection")).isNull();
    }

    @Test
    void answersCloseTheConnectionOnceShutdownBegins() throws Exception {
        filter.shutdownBegan();

        assertThat(answer().getHeader("Connection")).isEqualTo("close");
    }

    @Test
    void aRequestRunningWhenShutdownBeginsClosesItsConnectionToo() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/v1/models"), response,
                (req, res) -> filter.shutdownBegan());

        assertThat(response.getHeader("Connection")).isEqualTo("close");
    }
}
