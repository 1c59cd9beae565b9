package dev.runway.platform.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses a request body larger than {@code runway.api.max-body-bytes} (default 1 MiB) with 413,
 * before anything reads it: by its declared length, or, sent in chunks, by reading at most one byte
 * more than the limit.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

  static final long DEFAULT_MAX = 1024 * 1024;

  private final long max =
      ConfigProvider.getConfig()
          .getOptionalValue("runway.api.max-body-bytes", Long.class)
          .orElse(DEFAULT_MAX);

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (request.getLength() > max) {
      refuse(request);
      return;
    }
    if (!request.hasEntity()) {
      return;
    }
    byte[] body = request.getEntityStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE));
    if (body.length > max) {
      refuse(request);
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private void refuse(ContainerRequestContext request) {
    request.abortWith(
        Problems.response(
            413, "Request body too large", "A request body may hold at most " + max + " bytes"));
  }
}
