package org.cnnserve.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The admin bearer token on the endpoints that change what the service serves: the model repository
 * API ({@code /v2/repository/**}) and starting validation jobs ({@code POST .../validations}).
 *
 * <p>The one security filter chain matches those paths only, so every other request (inference, the
 * page, actuator, static files, {@code /error}) passes no security filter: no authentication, no CSRF
 * token, no session, no security headers, exactly as before Spring Security was on the class path.
 * The chain is stateless, with no login page, no HTTP Basic, no session cookie; its 401 and 403 are
 * the API's problem documents, written through the same exception handler as every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminSecurityConfiguration {

    static final String ROLE = "ADMIN";
    private static final String BEARER = "Bearer ";

    /** The admin endpoints; {@code /v2/repository/**} in every method, so that even a wrong method needs the token. */
    static final RequestMatcher ADMIN_ENDPOINTS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/v2/repository/**"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/v1/models/{model}/validations"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                    "/v1/models/{model}/versions/{version}/validations"));

    @Bean
    SecurityFilterChain adminEndpoints(HttpSecurity http, AdminProperties admin,
                                       AuthenticationManager adminAuthentication,
                                       @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        AuthenticationEntryPoint refuse = (request, response, failure) -> problems.resolveException(request, response,
                null, !admin.enabled() ? AdminAccessException.disabled()
                        : failure instanceof BadCredentialsException ? AdminAccessException.invalidToken()
                        : AdminAccessException.missingToken());
        AuthenticationFilter bearer = new AuthenticationFilter(adminAuthentication, bearerToken(admin));
        bearer.setSuccessHandler((request, response, authentication) -> { }); // carry on down the chain
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(refuse));
        return http.securityMatcher(ADMIN_ENDPOINTS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // The async dispatch of a load's answer follows a request already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasRole(ROLE))
                .exceptionHandling(e -> e.authenticationEntryPoint(refuse)
                        .accessDeniedHandler((request, response, denied) -> refuse.commence(request, response, null)))
                .build();
    }

    /**
     * Accepts the admin token only. Being a bean, it also keeps Spring Boot from creating its default
     * user and logging a generated password.
     */
    @Bean
    AuthenticationManager adminAuthentication(AdminProperties admin) {
        return authentication -> {
            if (authentication instanceof PresentedToken presented && admin.accepts(presented.token)) {
                return UsernamePasswordAuthenticationToken.authenticated("admin", null,
                        AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
            }
            throw new BadCredentialsException("not the admin token");
        };
    }

    /** The token of an {@code Authorization: Bearer} header; none while the endpoints are disabled. */
    private static AuthenticationConverter bearerToken(AdminProperties admin) {
        return (HttpServletRequest request) -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (!admin.enabled() || header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            return new PresentedToken(header.substring(BEARER.length()).strip());
        };
    }

    /** A token as the client sent it, before it is checked. */
    private static final class PresentedToken extends AbstractAuthenticationToken {

        private final String token;

        PresentedToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "admin";
        }
    }
}
