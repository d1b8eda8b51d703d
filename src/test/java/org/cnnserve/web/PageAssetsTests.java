package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnserve.metrics.ServingStats;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.validation.ValidationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The page works offline and behind a firewall: the page and everything it loads (found by following
 * every {@code src}, {@code href}, CSS {@code url(} and script {@code fetch(} from the page) come from
 * this service, and none of them names another host.
 */
@WebMvcTest(PageController.class)
@Import(PageFixture.Beans.class)
class PageAssetsTests {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(?:src|href|action|data-example)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)");
    private static final Pattern FETCH = Pattern.compile("fetch\\(\\s*([^,)]*)");
    private static final Pattern ANY_URL = Pattern.compile("(?i)(?:[a-z][a-z0-9+.-]*:)?//[^\\s\"'`)<>]+");
    /** The SVG namespace is an identifier that createElementNS needs; no browser fetches it. */
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ValidationService validations;
    @MockitoBean
    ServingStats stats;
    @MockitoBean
    CatalogueFigures catalogue;

    @BeforeEach
    void serve() {
        PageFixture.serve(registry, validations, stats, catalogue);
    }

    @Test
    void thePageAndEverythingItLoadsComeFromThisService() throws Exception {
        String page = fetch("/");
        Set<String> references = new LinkedHashSet<>(matches(ATTRIBUTE, page));
        List<String> assets = references.stream().filter(r -> r.endsWith(".css") || r.endsWith(".js")
                || r.startsWith("/examples/")).toList();
        assertThat(assets).contains("/page.css", "/page.js", "/examples/ankle-boot.png");
        for (String asset : assets) {
            String body = fetch(asset);
            if (asset.endsWith(".css")) {
                references.addAll(matches(CSS_URL, body));
            }
            if (asset.endsWith(".js")) {
                List<String> targets = matches(FETCH, body);
                assertThat(targets).as("fetch targets of %s", asset).isNotEmpty();
                // A fetch's target is a path literal or template starting with '/', or a variable holding one.
                assertThat(targets).allSatisfy(t -> assertThat(t).matches("^(['`]/.*|[a-zA-Z_.]+)$"));
                references.addAll(targets);
            }
            if (!asset.startsWith("/examples/")) {
                assertThat(matches(ANY_URL, body.replace(SVG_NAMESPACE, "")))
                        .as("absolute or protocol-relative URLs in %s", asset).isEmpty();
            }
        }
        assertThat(matches(ANY_URL, page)).as("absolute or protocol-relative URLs in the page").isEmpty();
        for (String reference : references) {
            assertThat(reference).as("a reference of the page").doesNotContain("//").doesNotStartWith("http");
        }
    }

    @Test
    void theExampleImagesAreServedFromTheJar() throws Exception {
        byte[] png = mvc.perform(get("/examples/ankle-boot.png")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    private String fetch(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(m.groupCount() == 0 ? 0 : 1).trim());
        }
        return found;
    }
}
