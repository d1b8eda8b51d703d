package org.cnnserve.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.validation.ValidationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** With no admin token configured the admin endpoints are disabled: 403, whatever token a request brings. */
@WebMvcTest(controllers = {RepositoryController.class, ValidationController.class})
@Import({ProblemHandler.class, AdminSecurityConfiguration.class, AdminFixture.Beans.class})
class AdminDisabledTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ValidationService validations;

    @Test
    void everyAdminEndpointIsA403ProblemDocumentWithoutAChallenge() throws Exception {
        for (String path : List.of("/v2/repository/index", "/v2/repository/models/m/load",
                "/v2/repository/models/m/unload", "/v1/models/m/validations")) {
            for (String authorization : new String[] {null, "Bearer " + AdminFixture.TOKEN}) {
                var request = post(path);
                if (authorization != null) {
                    request.header(HttpHeaders.AUTHORIZATION, authorization);
                }
                mvc.perform(request).andExpect(status().isForbidden())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:admin-disabled"))
                        .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
            }
        }
        AdminFixture.assertNothingManaged(registry, validations);
    }
}
