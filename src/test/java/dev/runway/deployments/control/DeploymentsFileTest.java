package dev.runway.deployments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.deployments.entity.DeploymentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentsFileTest {

  private static final String TWO_JSON =
      """
      [
        {"flowName": "etl", "name": "nightly", "command": ["/bin/echo", "hi"],
         "env": {"REGION": "eu"}, "parameters": {"day": 1}},
        {"flowName": "etl", "name": "hourly", "command": ["/bin/true"], "paused": true}
      ]
      """;

  @Test
  void aJsonArrayGivesOneRequestPerEntry() throws Exception {
    List<DeploymentsFile.Entry> entries = DeploymentsFile.parse("deployments.json", TWO_JSON);

    assertEquals(2, entries.size());
    DeploymentRequest nightly = entries.get(0).request();
    assertEquals("etl/nightly", entries.get(0).label());
    assertEquals(List.of("/bin/echo", "hi"), nightly.command());
    assertEquals(Map.of("REGION", "eu"), nightly.env());
    assertEquals(1, nightly.parameters().getInt("day"));
    assertNull(nightly.paused(), "a file that does not say paused keeps the stored pause");
    assertEquals(Boolean.TRUE, entries.get(1).request().paused());
  }

  @Test
  void aJsonObjectMayHoldTheDeploymentsUnderItsOneKey() throws Exception {
    List<DeploymentsFile.Entry> entries =
        DeploymentsFile.parse("d.json", "{\"deployments\": " + TWO_JSON + "}");

    assertEquals(List.of("etl/nightly", "etl/hourly"), labels(entries));
  }

  @Test
  void yamlIsBoundAsJsonIs() throws Exception {
    String yaml =
        """
        deployments:
          - flowName: etl
            name: nightly
            command: [/bin/echo, "{{ parameters.day }}"]
            parameters: {day: 1, big: 12345678901, ratio: 0.5, flag: true, none: null}
            schedules:
              - cron: "0 9 * * *"
                timezone: Europe/Paris
              - interval: 3600
                anchorDate: 2027-01-01T09:00:00
          - flowName: etl
            name: hourly
            command: [/bin/true]
        """;

    List<DeploymentsFile.Entry> entries = DeploymentsFile.parse("runway.yaml", yaml);

    assertEquals(List.of("etl/nightly", "etl/hourly"), labels(entries));
    DeploymentRequest nightly = entries.get(0).request();
    assertEquals("{{ parameters.day }}", nightly.command().get(1));
    assertEquals(12345678901L, nightly.parameters().getJsonNumber("big").longValue());
    assertEquals(0.5, nightly.parameters().getJsonNumber("ratio").doubleValue());
    assertTrue(nightly.parameters().getBoolean("flag"));
    assertTrue(nightly.parameters().isNull("none"));
    assertEquals("0 9 * * *", nightly.schedules().get(0).cron());
    assertEquals(3600, nightly.schedules().get(1).interval().intValue());
  }

  @Test
  void anUnquotedYamlDateStaysTheLocalTimeItSays() throws Exception {
    String yaml =
        """
        - flowName: etl
          name: daily
          command: [/bin/true]
          schedules: [{interval: 86400, anchorDate: 2027-01-01T09:00:00, timezone: Asia/Tokyo}]
        """;

    DeploymentRequest daily = DeploymentsFile.parse("d.yml", yaml).get(0).request();

    assertEquals("2027-01-01T09:00:00", daily.schedules().get(0).anchorDate());
  }

  @Test
  void aBadEntryIsNamedWithItsFieldErrorsAndTheOthersStay() throws Exception {
    String json =
        """
        [
          {"flowName": "etl", "name": "good", "command": ["/bin/true"]},
          {"flowName": "etl", "name": "bad", "command": [], "retries": -1},
          {"flowName": "etl", "name": "typo", "comand": ["/bin/true"]},
          "not an object",
          {"flowName": "etl", "name": "also-good", "command": ["/bin/true"]}
        ]
        """;

    List<DeploymentsFile.Entry> entries = DeploymentsFile.parse("d.json", json);

    assertEquals(5, entries.size());
    assertTrue(entries.get(0).applicable());
    DeploymentsFile.Entry bad = entries.get(1);
    assertFalse(bad.applicable());
    assertEquals(1, bad.index());
    assertEquals("etl/bad", bad.label());
    assertTrue(bad.refusal().contains("command: is required"), bad.refusal());
    assertTrue(bad.refusal().contains("retries: must be at least 0"), bad.refusal());
    assertEquals("etl/typo", entries.get(2).label());
    assertTrue(entries.get(2).refusal().contains("comand"), entries.get(2).refusal());
    assertEquals("?", entries.get(3).label());
    assertTrue(entries.get(3).refusal().contains("not an object"));
    assertTrue(entries.get(4).applicable());
  }

  @Test
  void aFileThatIsNotJsonIsUnreadableNamingIt() {
    DeploymentsFile.Unreadable e =
        assertThrows(
            DeploymentsFile.Unreadable.class,
            () -> DeploymentsFile.parse("deployments.json", "flowName: etl"));

    assertTrue(e.getMessage().contains("deployments.json is not valid JSON"), e.getMessage());
  }

  @Test
  void aYamlFileOfAnotherShapeIsUnreadable() {
    DeploymentsFile.Unreadable e =
        assertThrows(
            DeploymentsFile.Unreadable.class,
            () -> DeploymentsFile.parse("d.yaml", "flowName: etl\nname: x\n"));

    assertTrue(e.getMessage().contains("must hold an array of deployments"), e.getMessage());
  }

  @Test
  void aKeyYamlReadsAsABooleanMustBeQuoted() {
    DeploymentsFile.Unreadable e =
        assertThrows(
            DeploymentsFile.Unreadable.class,
            () -> DeploymentsFile.parse("d.yaml", "- {flowName: a, name: b, env: {on: x}}"));

    assertTrue(
        e.getMessage().contains("[0].env has a key that YAML reads as true"), e.getMessage());
  }

  @Test
  void brokenYamlIsUnreadable() {
    assertThrows(
        DeploymentsFile.Unreadable.class,
        () -> DeploymentsFile.parse("d.yaml", "- flowName: [etl\n  name: x"));
  }

  @Test
  void yamlTagsNamingJavaClassesAreRefused() {
    assertThrows(
        DeploymentsFile.Unreadable.class,
        () -> DeploymentsFile.parse("d.yaml", "- !!java.io.File {path: /tmp}"));
  }

  @Test
  void aMissingFileIsUnreadableNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("none.json");

    DeploymentsFile.Unreadable e =
        assertThrows(DeploymentsFile.Unreadable.class, () -> DeploymentsFile.read(missing));

    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void aFileOnDiskIsReadByItsExtension(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("d.yml"), "- {flowName: a, name: b, command: [/x]}");

    assertEquals(List.of("a/b"), labels(DeploymentsFile.read(file)));
  }

  private static List<String> labels(List<DeploymentsFile.Entry> entries) {
    return entries.stream().map(DeploymentsFile.Entry::label).toList();
  }
}
