package org.cnnserve.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.cnnserve.metrics.ServingStats;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.validation.ValidationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /v1/stats}: each version's live latency and throughput as JSON, and the problem documents of a bad path. */
@WebMvcTest(StatsController.class)
@Import({ProblemHandler.class, StatsControllerTests.Beans.class})
class StatsControllerTests {

    static class Beans {
        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(1));
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ServingStats stats;
    @MockitoBean
    ValidationService validations;
    @MockitoBean
    CatalogueFigures catalogue;

    @BeforeEach
    void serve() {
        PageFixture.serve(registry, validations, stats, catalogue);
    }

    @Test
    void everyVersionOfEveryModelHasItsNumbersInSnakeCase() throws Exception {
        mvc.perform(get("/v1/stats")).andExpect(status().isOk())
                .andExpect(jsonPath("$.versions.length()").value(1))
                .andExpect(jsonPath("$.versions[0].model").value("lenet5-fashion"))
                .andExpect(jsonPath("$.versions[0].version").value(1))
                .andExpect(jsonPath("$.versions[0].requests").value(42))
                .andExpect(jsonPath("$.versions[0].p50_ms").value(7.5))
                .andExpect(jsonPath("$.versions[0].p99_ms").value(31.0))
                .andExpect(jsonPath("$.versions[0].forward_pass_ms").value(3.25))
                .andExpect(jsonPath("$.versions[0].images_per_second").value(461.5))
                .andExpect(jsonPath("$.versions[0].requests_per_second").value(2.0));
    }

    @Test
    void oneVersionsNumbersHaveTheirOwnPath() throws Exception {
        mvc.perform(get("/v1/models/lenet5-fashion/versions/1/stats")).andExpect(status().isOk())
                .andExpect(jsonPath("$.p99_ms").value(31.0));
    }

    @Test
    void anUnknownModelOrVersionIsAProblemDocument() throws Exception {
        mvc.perform(get("/v1/models/nope/versions/1/stats")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:unknown-model"));
        mvc.perform(get("/v1/models/lenet5-fashion/versions/7/stats")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:unknown-version"));
    }
}
