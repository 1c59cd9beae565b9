package dev.runway.platform.boundary;

import dev.runway.platform.control.Roles;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.UUID;

/** The caller is a run's own process, authenticated by its token: role {@value Roles#RUN}. */
record RunSecurityContext(UUID run, SecurityContext original) implements SecurityContext {

  @Override
  public Principal getUserPrincipal() {
    return () -> "run:" + run;
  }

  @Override
  public boolean isUserInRole(String role) {
    return Roles.RUN.equals(role);
  }

  @Override
  public boolean isSecure() {
    return original.isSecure();
  }

  @Override
  public String getAuthenticationScheme() {
    return "Bearer";
  }
}
