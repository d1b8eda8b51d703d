package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.registry.IndexEntry;
import org.cnnserve.registry.LoadFailedException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.validation.ValidationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The repository extension's shapes and statuses, behind the admin token: 401 problem documents with a
 * Bearer challenge without it or with a wrong one, the extension's {@code {"error": ...}} for a refused
 * operation, and the validation endpoint that starts jobs guarded the same way while its reads stay open.
 */
@WebMvcTest(controllers = {RepositoryController.class, ValidationController.class},
        properties = "cnnserve.admin.token=" + AdminFixture.TOKEN)
@Import({ProblemHandler.class, AdminSecurityConfiguration.class, AdminFixture.Beans.class})
class RepositoryControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ValidationService validations;

    private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminFixture.TOKEN);
    }

    private static ModelStatus ready(String model) {
        return new ModelStatus(model, ModelState.READY, null, null, null, null, 2, 1, List.of());
    }

    @Test
    void withoutTheTokenEveryAdminEndpointIsA401ProblemDocumentWithABearerChallenge() throws Exception {
        for (String path : List.of("/v2/repository/index", "/v2/repository/models/m/load",
                "/v2/repository/models/m/unload", "/v1/models/m/validations", "/v1/models/m/versions/1/validations")) {
            mvc.perform(post(path)).andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:admin-token-required"))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cnnserve\""))
                    .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
        }
        AdminFixture.assertNothingManaged(registry, validations);
    }

    @Test
    void aWrongTokenIsA401WithTheInvalidTokenError() throws Exception {
        mvc.perform(post("/v2/repository/index").header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminFixture.TOKEN + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:admin-token-required"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"cnnserve\", error=\"invalid_token\""));
        mvc.perform(post("/v2/repository/index").header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4="))
                .andExpect(status().isUnauthorized());
        AdminFixture.assertNothingManaged(registry, validations);
    }

    @Test
    void readingValidationJobsNeedsNoToken() throws Exception {
        given(validations.jobs()).willReturn(List.of());

        mvc.perform(get("/v1/validations")).andExpect(status().isOk());
    }

    @Test
    void theIndexHasTheExtensionsShapeAndReadyFiltersIt() throws Exception {
        given(registry.index()).willReturn(List.of(new IndexEntry("m", 1, ModelState.READY, null),
                new IndexEntry("m", 2, ModelState.UNAVAILABLE, "not loaded"),
                new IndexEntry("x", null, ModelState.UNAVAILABLE, "not loaded")));

        mvc.perform(admin(post("/v2/repository/index"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].name").value("m"))
                .andExpect(jsonPath("$[0].version").value("1"))
                .andExpect(jsonPath("$[0].state").value("READY"))
                .andExpect(jsonPath("$[0].reason").value(""))
                .andExpect(jsonPath("$[1].reason").value("not loaded"))
                .andExpect(jsonPath("$[2].version").doesNotExist());
        // As curl -d sends it: a form content type on a JSON body.
        mvc.perform(admin(post("/v2/repository/index")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("{\"ready\": true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(admin(post("/v2/repository/index")).contentType(MediaType.APPLICATION_JSON).content("{\"ready\": 1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("'ready' must be true or false"));
    }

    @Test
    void aLoadAnswers200OnlyOnceTheRegistryHasLoaded() throws Exception {
        CompletableFuture<ModelStatus> loading = new CompletableFuture<>();
        given(registry.load("m")).willReturn(loading);

        MvcResult started = mvc.perform(admin(post("/v2/repository/models/m/load")).content("{}"))
                .andExpect(request().asyncStarted()).andReturn();
        assertThat(started.getResponse().isCommitted()).isFalse();
        loading.complete(ready("m"));

        mvc.perform(asyncDispatch(started)).andExpect(status().isOk());
    }

    @Test
    void aRefusedLoadIsA400WithTheExtensionsErrorObject() throws Exception {
        given(registry.load("m")).willReturn(CompletableFuture.failedFuture(
                new LoadFailedException("m", "version 2 is FAILED: no weights")));
        given(registry.load("nope")).willThrow(new UnknownModelException("nope"));

        MvcResult failed = mvc.perform(admin(post("/v2/repository/models/m/load"))).andReturn();
        mvc.perform(asyncDispatch(failed)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("failed to load model 'm': version 2 is FAILED: no weights"));
        mvc.perform(admin(post("/v2/repository/models/nope/load"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("no model named 'nope'"));
        mvc.perform(admin(post("/v2/repository/models/m/load")).content("{\"parameters\": {\"config\": \"{}\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("the 'config' parameter")));
        mvc.perform(admin(post("/v2/repository/models/m/load")).content("not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("the body is not JSON")));
    }

    @Test
    void anUnloadTakesTheVersionParameter() throws Exception {
        given(registry.unload("m", "2")).willReturn(CompletableFuture.completedFuture(ready("m")));
        given(registry.unload("m", null)).willReturn(CompletableFuture.completedFuture(ready("m")));

        MvcResult one = mvc.perform(admin(post("/v2/repository/models/m/unload"))
                .content("{\"parameters\": {\"version\": 2, \"unload_dependents\": false}}")).andReturn();
        mvc.perform(asyncDispatch(one)).andExpect(status().isOk());
        MvcResult all = mvc.perform(admin(post("/v2/repository/models/m/unload"))).andReturn();
        mvc.perform(asyncDispatch(all)).andExpect(status().isOk());

        then(registry).should().unload("m", "2");
        then(registry).should().unload("m", null);
    }
}
