package dev.runway.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The API's JSON-B: a field Runway does not know is refused rather than silently dropped, so a
 * misspelt option never becomes a deployment that quietly does something else.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

  // Yasson's switch (Payara and WildFly both bind JSON with Yasson); a plain key, no Yasson API.
  private static final String FAIL_ON_UNKNOWN = "jsonb.fail-on-unknown-properties";

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN, true));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
