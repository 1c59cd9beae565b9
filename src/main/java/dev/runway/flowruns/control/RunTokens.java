package dev.runway.flowruns.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API tokens handed to runs' processes: 256 random bits, of which the store keeps only the
 * SHA-256, so that reading the store does not give anyone a run's powers.
 */
public final class RunTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh token and the hash to store for it. */
  public record Token(String value, String hash) {}

  private RunTokens() {}

  public static Token issue() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new Token(value, hash(value));
  }

  public static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
