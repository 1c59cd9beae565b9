package dev.runway.deployments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.platform.control.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretEnvTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"DB_PASSWORD", "password", "API_SECRET", "GITHUB_TOKEN", "AWS_KEY_ID", "ssh_key"})
  void keysNamingSecretsAreSecret(String key) {
    assertTrue(SecretEnv.isSecret(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"REGION", "PATH", "LOG_LEVEL", "PASS"})
  void otherKeysAreNot(String key) {
    assertFalse(SecretEnv.isSecret(key));
  }

  @Test
  void secretValuesAreShownMaskedAndOthersAsTheyAre() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("REGION", "eu");
    env.put("DB_PASSWORD", "hunter2");

    assertEquals(Map.of("REGION", "eu", "DB_PASSWORD", "***"), SecretEnv.masked(env));
  }

  @Test
  void theMaskKeepsTheStoredSecretAndNewValuesReplaceIt() {
    Map<String, String> stored = Map.of("DB_PASSWORD", "hunter2", "API_TOKEN", "old");

    Map<String, String> env =
        SecretEnv.resolve(Map.of("DB_PASSWORD", "***", "API_TOKEN", "new"), stored);

    assertEquals(Map.of("DB_PASSWORD", "hunter2", "API_TOKEN", "new"), env);
  }

  @Test
  void aMaskWithNoStoredSecretIsRefusedNamingTheKey() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> SecretEnv.resolve(Map.of("DB_PASSWORD", "***"), Map.of()));

    assertEquals(400, refused.status());
    assertEquals("env.DB_PASSWORD", refused.errors().get(0).field());
  }

  @Test
  void threeStarsUnderAnOrdinaryKeyAreAnOrdinaryValue() {
    assertEquals(Map.of("BANNER", "***"), SecretEnv.resolve(Map.of("BANNER", "***"), Map.of()));
  }
}
