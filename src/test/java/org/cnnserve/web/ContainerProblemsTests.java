package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Tomcat itself rejects or sees go wrong, on a real server and a raw socket: the answers
 * are problem documents, not Tomcat's HTML page or Spring Boot's default error body.
 */
@IntegrationTest
@SpringBootTest(classes = ContainerProblemsTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.endpoint.health.group.readiness.include=readinessState"})
class ContainerProblemsTests {

    // Not a @SpringBootConfiguration: the slice tests of this package would find it and boot it.
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    // With the service's security configuration, as the application has it: else Spring Boot's default
    // security would guard every path.
    @Import({ProblemHandler.class, ProblemErrorController.class, TomcatProblemCustomizer.class, Upload.class,
            AdminSecurityConfiguration.class})
    static class App {
        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(1));
        }
    }

    @RestController
    static class Upload {
        @PostMapping("/upload")
        int upload(InputStream body) throws IOException {
            return body.readAllBytes().length;
        }
    }

    @LocalServerPort
    int port;

    @Test
    void anEncodedSlashIsRejectedWithAProblemDocument() throws IOException {
        String answer = exchange("GET /v1/models/a%2Fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("urn:cnnserve:problem:bad-request").doesNotContainIgnoringCase("<html")
                .doesNotContainIgnoringCase("tomcat");
    }

    @Test
    void anUnmappedPathIsA404ProblemDocument() throws IOException {
        String answer = exchange("GET /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false);

        assertThat(answer).startsWith("HTTP/1.1 404").contains("application/problem+json")
                .contains("urn:cnnserve:problem:not-found");
    }

    @Test
    void anUploadCutShortIsA400ProblemDocumentNotA500() throws IOException {
        String answer = exchange("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 100000\r\n\r\nonly a few bytes", true);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("urn:cnnserve:problem:bad-request").doesNotContain("Exception");
    }

    /** Sends the bytes, optionally half-closes as a client that gives up mid-upload, reads the answer. */
    private String exchange(String request, boolean stopSending) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (stopSending) {
                socket.shutdownOutput();
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
