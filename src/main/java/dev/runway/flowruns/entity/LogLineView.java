package dev.runway.flowruns.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** One captured output line as the API shows it. */
@JsonbPropertyOrder({"seq", "attempt", "timestamp", "stream", "message"})
public record LogLineView(long seq, int attempt, Instant timestamp, String stream, String message) {

  public static LogLineView of(LogLine line) {
    return new LogLineView(
        line.getSeq(), line.getAttempt(), line.getTimestamp(), line.getStream(), line.getMessage());
  }
}
