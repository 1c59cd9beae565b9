package dev.runway.platform.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The one JSON-B configuration of Runway's input: a field Runway does not know is refused rather
 * than silently dropped, so a misspelt option never becomes a deployment that quietly does
 * something else. The API and the deployments file bind with it alike.
 */
public final class StrictJsonb {

  // Yasson's switch (Payara and WildFly both bind JSON with Yasson); a plain key, no Yasson API.
  private static final String FAIL_ON_UNKNOWN = "jsonb.fail-on-unknown-properties";

  private StrictJsonb() {}

  public static Jsonb create() {
    return JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN, true));
  }
}
