package dev.runway.platform.control;

import java.util.Optional;
import java.util.UUID;

/** Tells which live run holds an API token; the flow-run store implements it. */
public interface RunTokenCheck {

  Optional<UUID> holderOf(String token);
}
