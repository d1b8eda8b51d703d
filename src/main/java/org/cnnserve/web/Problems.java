package org.cnnserve.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem types a handler answers besides success, for the OpenAPI description:
 * {@link OpenApiConfiguration} turns them into {@code application/problem+json} responses grouped by
 * status, so that the description cannot drift from {@link ProblemType}.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@interface Problems {

    ProblemType[] value();
}
