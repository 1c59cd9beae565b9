package dev.runway.platform.boundary;

import dev.runway.platform.control.RunTokenCheck;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may call what. Users and passwords are the container's: HTTP Basic credentials are checked by
 * the server's realm (proactively, or through {@link HttpServletRequest#login}), never here. Each
 * resource method declares its roles with {@link RolesAllowed} (or {@link PermitAll}); one without
 * a declaration is refused. A run's process may instead present its own bearer token on the methods
 * marked {@link RunTokenAllowed}, for its own run only. No credentials: 401 with a challenge;
 * credentials without the role: 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class Authorization implements ContainerRequestFilter {

  static final String CHALLENGE = "Basic realm=\"Runway\", Bearer realm=\"Runway\"";

  @Context ResourceInfo resource;

  @Context HttpServletRequest servletRequest;

  @Inject RunTokenCheck tokens;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    if (method == null || method.isAnnotationPresent(PermitAll.class)) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      checkRunToken(request, method, header.substring(7).trim());
    } else {
      checkUser(request, method, header);
    }
  }

  private void checkRunToken(ContainerRequestContext request, Method method, String token) {
    Optional<UUID> run = tokens.holderOf(token);
    if (run.isEmpty()) {
      request.abortWith(unauthenticated("The token is unknown or its run has ended"));
      return;
    }
    String target = request.getUriInfo().getPathParameters().getFirst("id");
    if (!method.isAnnotationPresent(RunTokenAllowed.class)
        || !run.get().toString().equals(target)) {
      request.abortWith(forbidden("A run's token acts on its own run only"));
      return;
    }
    request.setSecurityContext(new RunSecurityContext(run.get(), request.getSecurityContext()));
  }

  private void checkUser(ContainerRequestContext request, Method method, String header) {
    if (servletRequest.getUserPrincipal() == null && !login(header)) {
      request.abortWith(unauthenticated("Give a user name and password (HTTP Basic)"));
      return;
    }
    RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
    if (allowed == null || Arrays.stream(allowed.value()).noneMatch(servletRequest::isUserInRole)) {
      request.abortWith(
          forbidden(
              servletRequest.getUserPrincipal().getName()
                  + " may not do this; it needs one of the roles "
                  + (allowed == null ? "[]" : Arrays.toString(allowed.value()))));
    }
  }

  /** Hands Basic credentials to the container's realm; false when absent or refused. */
  private boolean login(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        return false;
      }
      servletRequest.login(pair.substring(0, colon), pair.substring(colon + 1));
      return servletRequest.getUserPrincipal() != null;
    } catch (IllegalArgumentException | ServletException e) {
      return false;
    }
  }

  private static Response unauthenticated(String detail) {
    Response response = Problems.response(401, "Unauthorized", detail);
    response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    return response;
  }

  private static Response forbidden(String detail) {
    return Problems.response(403, "Forbidden", detail);
  }
}
