package dev.runway.schedules.control;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * An RRULE schedule. lib-recur iterates each rule in floating local time from DTSTART (so COUNT
 * counts from there), fast-forwarded to the first wanted fire; the rules are merged, the EXDATEs
 * removed and {@link WallClock} places each local time.
 */
final class RuleRecurrence implements Recurrence {

  private final DateTime start;
  private final List<RecurrenceRule> rules;
  private final Set<LocalDateTime> exclusions;
  private final ZoneId zone;

  /**
   * @throws IllegalArgumentException when lib-recur cannot iterate a rule from DTSTART, as for a
   *     rule that no date matches
   */
  RuleRecurrence(RuleText text, ZoneId zone) {
    this.start = RuleText.floating(text.start(zone));
    this.rules = text.rules(zone);
    this.exclusions = text.exclusions(zone);
    this.zone = zone;
    // lib-recur refuses here a rule that it cannot find instances of
    rules.forEach(rule -> rule.iterator(start));
  }

  @Override
  public List<Instant> fires(Instant from, int max, Instant until) {
    if (Fires.noneWanted(from, max, until)) {
      return List.of();
    }
    DateTime first =
        RuleText.floating(WallClock.lowerBound(from, zone).truncatedTo(ChronoUnit.SECONDS));
    List<RecurrenceRuleIterator> iterators =
        rules.stream()
            .map(
                rule -> {
                  RecurrenceRuleIterator iterator = rule.iterator(start);
                  iterator.fastForward(first);
                  return iterator;
                })
            .toList();
    Iterator<Instant> candidates =
        StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(new Merged(iterators), Spliterator.ORDERED),
                false)
            .filter(local -> !exclusions.contains(local))
            .map(local -> WallClock.instantOf(local, zone))
            .iterator();
    return Fires.collect(candidates, from, max, until);
  }

  /** The local times of several rules in ascending order. */
  private static final class Merged implements Iterator<LocalDateTime> {

    private final List<RecurrenceRuleIterator> iterators;

    Merged(List<RecurrenceRuleIterator> iterators) {
      this.iterators = iterators;
    }

    @Override
    public boolean hasNext() {
      return iterators.stream().anyMatch(RecurrenceRuleIterator::hasNext);
    }

    @Override
    public LocalDateTime next() {
      RecurrenceRuleIterator earliest =
          iterators.stream()
              .filter(RecurrenceRuleIterator::hasNext)
              .min(Comparator.comparing(iterator -> RuleText.local(iterator.peekDateTime())))
              .orElseThrow(NoSuchElementException::new);
      return RuleText.local(earliest.nextDateTime());
    }
  }
}
