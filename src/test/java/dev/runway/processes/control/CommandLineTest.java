package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void stringParameterIsInsertedRawWithoutQuotes() throws LaunchRefused {
    JsonObject parameters = Json.createObjectBuilder().add("name", "world").build();

    List<String> argv = CommandLine.expand(List.of("echo", "{{parameters.name}}"), parameters);

    assertEquals(List.of("echo", "world"), argv);
  }

  @Test
  void numberBooleanAndObjectParametersAreInsertedAsJson() throws LaunchRefused {
    JsonObject parameters =
        Json.createObjectBuilder()
            .add("n", 42)
            .add("ratio", 1.5)
            .add("flag", true)
            .add("cfg", Json.createObjectBuilder().add("a", 1).add("b", "x"))
            .add("list", Json.createArrayBuilder().add("p").add(2))
            .addNull("nothing")
            .build();

    List<String> argv =
        CommandLine.expand(
            List.of(
                "{{parameters.n}}",
                "{{parameters.ratio}}",
                "{{parameters.flag}}",
                "{{parameters.cfg}}",
                "{{parameters.list}}",
                "{{parameters.nothing}}"),
            parameters);

    assertEquals(List.of("42", "1.5", "true", "{\"a\":1,\"b\":\"x\"}", "[\"p\",2]", "null"), argv);
  }

  @Test
  void whitespaceInsideTheBracesIsAllowed() throws LaunchRefused {
    JsonObject parameters = Json.createObjectBuilder().add("x", "v").build();

    List<String> argv =
        CommandLine.expand(
            List.of(
                "{{parameters.x}}",
                "{{ parameters.x }}",
                "{{  parameters.x\t}}",
                "{{\nparameters.x\n}}"),
            parameters);

    assertEquals(List.of("v", "v", "v", "v"), argv);
  }

  @Test
  void placeholdersInsideLargerTextAndSeveralPerElementAreAllReplaced() throws LaunchRefused {
    JsonObject parameters =
        Json.createObjectBuilder().add("host", "db.local").add("port", 5432).build();

    List<String> argv =
        CommandLine.expand(
            List.of("--url=postgres://{{ parameters.host }}:{{parameters.port}}/app"), parameters);

    assertEquals(List.of("--url=postgres://db.local:5432/app"), argv);
  }

  @Test
  void aValueWithSpacesAndShellSyntaxStaysOneArgvElement() throws LaunchRefused {
    JsonObject parameters = Json.createObjectBuilder().add("x", "a b; rm -rf /").build();

    List<String> argv =
        CommandLine.expand(List.of("printf", "%s", "{{ parameters.x }}", "end"), parameters);

    assertEquals(List.of("printf", "%s", "a b; rm -rf /", "end"), argv);
  }

  @Test
  void regexReplacementCharactersInValuesAreInsertedLiterally() throws LaunchRefused {
    JsonObject parameters = Json.createObjectBuilder().add("x", "$1 \\ $0 ${g}").build();

    List<String> argv = CommandLine.expand(List.of("<{{parameters.x}}>"), parameters);

    assertEquals(List.of("<$1 \\ $0 ${g}>"), argv);
  }

  @Test
  void aValueThatLooksLikeAPlaceholderIsNotExpandedAgain() throws LaunchRefused {
    JsonObject parameters =
        Json.createObjectBuilder().add("a", "{{parameters.b}}").add("b", "secret").build();

    List<String> argv = CommandLine.expand(List.of("{{parameters.a}}"), parameters);

    assertEquals(List.of("{{parameters.b}}"), argv);
  }

  @Test
  void aMissingParameterIsRefusedNamingIt() {
    JsonObject parameters = Json.createObjectBuilder().add("present", "yes").build();

    LaunchRefused refused =
        assertThrows(
            LaunchRefused.class,
            () ->
                CommandLine.expand(
                    List.of("run", "{{parameters.present}}", "{{ parameters.absent }}"),
                    parameters));

    assertTrue(refused.getMessage().contains("'absent'"), refused.getMessage());
  }

  @Test
  void elementsWithoutPlaceholdersAreUntouched() throws LaunchRefused {
    List<String> command =
        List.of("/usr/bin/env", "--flag=$HOME", "{{ other.x }}", "{parameters.x}", "", "a\\b");

    List<String> argv = CommandLine.expand(command, JsonValue.EMPTY_JSON_OBJECT);

    assertEquals(command, argv);
  }

  @Test
  void commandSubstitutionSyntaxStaysLiteral() throws LaunchRefused {
    JsonObject parameters = Json.createObjectBuilder().add("x", "$(touch /tmp/x)").build();

    List<String> argv =
        CommandLine.expand(List.of("echo", "$(touch /tmp/y)", "{{parameters.x}}"), parameters);

    assertEquals(List.of("echo", "$(touch /tmp/y)", "$(touch /tmp/x)"), argv);
  }

  @Test
  void theArgvKeepsTheCommandsOrderAndLength() throws LaunchRefused {
    JsonObject parameters = Json.createObjectBuilder().add("x", "").build();

    List<String> argv = CommandLine.expand(List.of("a", "{{parameters.x}}", "c"), parameters);

    assertEquals(List.of("a", "", "c"), argv);
  }
}
