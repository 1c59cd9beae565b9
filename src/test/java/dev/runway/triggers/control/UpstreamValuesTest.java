package dev.runway.triggers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.platform.control.Json;
import dev.runway.platform.control.Placeholders;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UpstreamValuesTest {

  private static final UUID RUN = UUID.fromString("7d1f1c3e-0b1a-4c5e-9f00-000000000001");

  private static final UpstreamValues UPSTREAM =
      UpstreamValues.of(RUN, "COMPLETED", Json.object("{\"who\":\"world\",\"count\":3}"));

  @Test
  void theRunsIdStateTypeAndParametersFillTheirPlaceholders() {
    JsonObject filled =
        UPSTREAM.fill(
            Json.object(
                "{\"greeting\":\"hello {{ upstream.parameters.who }}\","
                    + "\"after\":\"{{upstream.id}}\",\"how\":\"{{ upstream.state.type }}\"}"));

    assertEquals("hello world", filled.getString("greeting"));
    assertEquals(RUN.toString(), filled.getString("after"));
    assertEquals("COMPLETED", filled.getString("how"));
  }

  @Test
  void aStringThatIsOnePlaceholderTakesTheValueItself() {
    JsonObject filled = UPSTREAM.fill(Json.object("{\"n\":\"{{ upstream.parameters.count }}\"}"));

    assertEquals(3, filled.getInt("n"));
  }

  @Test
  void aPlaceholderInsideTextTakesTheValuesText() {
    JsonObject filled =
        UPSTREAM.fill(Json.object("{\"n\":\"count={{ upstream.parameters.count }}\"}"));

    assertEquals("count=3", filled.getString("n"));
  }

  @Test
  void nestedObjectsAndArraysAreFilledAndOtherValuesKept() {
    JsonObject filled =
        UPSTREAM.fill(
            Json.object(
                "{\"o\":{\"w\":\"{{ upstream.parameters.who }}\"},"
                    + "\"a\":[\"{{ upstream.state.type }}\",1],\"flag\":true}"));

    assertEquals("world", filled.getJsonObject("o").getString("w"));
    assertEquals("COMPLETED", filled.getJsonArray("a").getString(0));
    assertEquals(1, filled.getJsonArray("a").getInt(1));
    assertTrue(filled.getBoolean("flag"));
  }

  @Test
  void aMissingUpstreamParameterIsNamed() {
    Placeholders.MissingValue missing =
        assertThrows(
            Placeholders.MissingValue.class,
            () -> UPSTREAM.fill(Json.object("{\"x\":\"{{ upstream.parameters.absent }}\"}")));

    assertEquals("parameters.absent", missing.name());
  }

  @Test
  void onlyIdStateTypeAndNamedParametersAreKnown() {
    assertTrue(UpstreamValues.known("id"));
    assertTrue(UpstreamValues.known("state.type"));
    assertTrue(UpstreamValues.known("parameters.who"));
    assertFalse(UpstreamValues.known("parameters."));
    assertFalse(UpstreamValues.known("state.name"));
    assertFalse(UpstreamValues.known("name"));
  }

  @Test
  void usedFindsPlaceholdersAtAnyDepth() {
    assertTrue(UpstreamValues.used(Json.object("{\"a\":[{\"b\":\"{{ upstream.id }}\"}]}")));
    assertFalse(UpstreamValues.used(Json.object("{\"a\":\"{{ parameters.x }}\",\"n\":1}")));
  }
}
