package dev.runway.flowruns.control;

import dev.runway.platform.control.RunTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Finds a token's run by the token's hash, the only form the store keeps. */
@ApplicationScoped
public class StoredRunTokens implements RunTokenCheck {

  @Inject FlowRuns flowRuns;

  @Override
  public Optional<UUID> holderOf(String token) {
    return token.isBlank() ? Optional.empty() : flowRuns.holderOf(RunTokens.hash(token));
  }
}
