package dev.runway.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The store's clock as this node sees it: the JVM's UTC clock, moved by the difference to the
 * database's clock last measured, ticking in microseconds as the store keeps them. Nodes that share
 * a store therefore compare expected starts, heartbeats and state times on one clock, even when
 * their own clocks drift apart.
 */
public class StoreClock extends Clock {

  private final Clock base;
  private volatile long skewNanos;

  public StoreClock(Clock base) {
    this.base = base;
  }

  /** For the container's client proxy only. */
  protected StoreClock() {
    this(Clock.systemUTC());
  }

  /** How far the database's clock is ahead of this JVM's (negative when behind). */
  public Duration skew() {
    return Duration.ofNanos(skewNanos);
  }

  public void setSkew(Duration skew) {
    this.skewNanos = skew.toNanos();
  }

  /**
   * The skew measured by one round trip: the database read {@code database} between {@code sent}
   * and {@code received} on this JVM's clock, taken to be at the middle.
   */
  public static Duration skewOf(Instant sent, Instant database, Instant received) {
    Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
    return Duration.between(middle, database);
  }

  /** This JVM's own clock, to measure with. */
  public Instant local() {
    return base.instant();
  }

  @Override
  public Instant instant() {
    return base.instant().plusNanos(skewNanos).truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the store's clock is UTC");
  }
}
