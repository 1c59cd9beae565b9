package dev.runway.platform.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method a run's process may call with its own token ({@code RUNWAY_API_TOKEN}), on its
 * own run only: the one the {@code id} path parameter names.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RunTokenAllowed {}
