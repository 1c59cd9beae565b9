package dev.runway.platform.boundary;

import dev.runway.platform.control.StrictJsonb;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** The API's JSON-B: {@link StrictJsonb}, which refuses fields Runway does not know. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

  private final Jsonb jsonb = StrictJsonb.create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
