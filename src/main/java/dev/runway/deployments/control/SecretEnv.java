package dev.runway.deployments.control;

import dev.runway.platform.control.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Environment values whose key looks secret (it contains PASSWORD, SECRET, TOKEN or KEY, in any
 * case) are stored as given but shown as {@value #MASK}. A client that read a deployment can send
 * it back unchanged: {@value #MASK} for a secret the deployment already holds keeps that secret.
 */
public final class SecretEnv {

  public static final String MASK = "***";

  private static final List<String> MARKERS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY");

  private SecretEnv() {}

  public static boolean isSecret(String key) {
    String upper = key.toUpperCase(Locale.ROOT);
    return MARKERS.stream().anyMatch(upper::contains);
  }

  /** The environment as the API shows it. */
  public static Map<String, String> masked(Map<String, String> env) {
    Map<String, String> shown = new LinkedHashMap<>();
    env.forEach((key, value) -> shown.put(key, isSecret(key) ? MASK : value));
    return shown;
  }

  /**
   * The environment to store: {@code incoming} with each {@value #MASK} replaced by the secret
   * {@code stored} holds under that key. A mask with nothing behind it is refused.
   */
  public static Map<String, String> resolve(
      Map<String, String> incoming, Map<String, String> stored) {
    Map<String, String> env = new LinkedHashMap<>();
    incoming.forEach(
        (key, value) -> {
          if (MASK.equals(value) && isSecret(key)) {
            if (!stored.containsKey(key)) {
              throw ProblemException.invalid(
                  "env." + key,
                  MASK + " keeps a stored secret, and there is none: give the value itself");
            }
            env.put(key, stored.get(key));
          } else {
            env.put(key, value);
          }
        });
    return env;
  }
}
