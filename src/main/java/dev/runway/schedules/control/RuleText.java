package dev.runway.schedules.control;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

/**
 * The text of an RRULE schedule: a bare rule ({@code FREQ=...}), or lines separated by line breaks
 * with at most one {@code DTSTART}, one or more {@code RRULE} and any number of {@code EXDATE}
 * lines. DTSTART and EXDATE values are floating ({@code 20270101T090000}, local in the schedule's
 * zone), UTC ({@code ...Z}), with a {@code TZID} parameter, or dates ({@code VALUE=DATE},
 * midnight). Rules are parsed strictly by RFC 5545.
 */
final class RuleText {

  /** Prefect's DTSTART when there is none: the start of 2020 in the schedule's zone. */
  static final LocalDateTime DEFAULT_START = LocalDateTime.of(2020, 1, 1, 0, 0);

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private final Stamp start;
  private final List<String> rules;
  private final List<Stamp> exclusions;

  private RuleText(Stamp start, List<String> rules, List<Stamp> exclusions) {
    this.start = start;
    this.rules = List.copyOf(rules);
    this.exclusions = List.copyOf(exclusions);
  }

  /**
   * The parts of {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong, and in which line
   */
  static RuleText parse(String text) {
    Stamp start = null;
    List<String> rules = new ArrayList<>();
    List<Stamp> exclusions = new ArrayList<>();
    for (String raw : text.split("\\r?\\n")) {
      String line = raw.strip();
      int colon = line.indexOf(':');
      if (line.isEmpty()) {
        continue;
      } else if (colon < 0) {
        rules.add(line);
        continue;
      }
      String[] head = line.substring(0, colon).split(";", -1);
      String value = line.substring(colon + 1).strip();
      switch (head[0].strip().toUpperCase(Locale.ROOT)) {
        case "RRULE" -> {
          if (head.length > 1) {
            throw new IllegalArgumentException("an RRULE line takes no parameters: " + quote(line));
          }
          rules.add(value);
        }
        case "DTSTART" -> {
          if (start != null) {
            throw new IllegalArgumentException("only one DTSTART line is allowed: " + quote(line));
          }
          start = Stamp.parse(value, head, line);
        }
        case "EXDATE" -> {
          for (String one : value.split(",", -1)) {
            exclusions.add(Stamp.parse(one.strip(), head, line));
          }
        }
        default ->
            throw new IllegalArgumentException(
                "only DTSTART, RRULE and EXDATE lines are allowed: " + quote(line));
      }
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("an RRULE is required, such as FREQ=DAILY;BYHOUR=9");
    }
    for (String rule : rules) {
      untilIn(rule(rule), ZoneOffset.UTC);
    }
    return new RuleText(start, rules, exclusions);
  }

  /** The TZID of the DTSTART line, as written; null when it has none. */
  String startZone() {
    return start == null ? null : start.zone();
  }

  /** DTSTART as a local date-time in {@code zone}. */
  LocalDateTime start(ZoneId zone) {
    return start == null ? DEFAULT_START : start.localIn(zone);
  }

  /** The EXDATEs as local date-times in {@code zone}. */
  Set<LocalDateTime> exclusions(ZoneId zone) {
    Set<LocalDateTime> locals = new HashSet<>();
    exclusions.forEach(stamp -> locals.add(stamp.localIn(zone)));
    return locals;
  }

  /** The rules, each with a floating UNTIL local to {@code zone}, to iterate in floating time. */
  List<RecurrenceRule> rules(ZoneId zone) {
    List<RecurrenceRule> parsed = new ArrayList<>();
    for (String text : rules) {
      RecurrenceRule rule = rule(text);
      LocalDateTime until = untilIn(rule, zone);
      if (until != null) {
        rule.setUntil(floating(until));
      }
      parsed.add(rule);
    }
    return parsed;
  }

  /** The floating lib-recur date-time of {@code local}. */
  static DateTime floating(LocalDateTime local) {
    return new DateTime(
        local.getYear(),
        local.getMonthValue() - 1,
        local.getDayOfMonth(),
        local.getHour(),
        local.getMinute(),
        local.getSecond());
  }

  /** The local date-time of a floating or all-day lib-recur date-time. */
  static LocalDateTime local(DateTime floating) {
    return LocalDateTime.of(
        floating.getYear(),
        floating.getMonth() + 1,
        floating.getDayOfMonth(),
        floating.isAllDay() ? 0 : floating.getHours(),
        floating.isAllDay() ? 0 : floating.getMinutes(),
        floating.isAllDay() ? 0 : floating.getSeconds());
  }

  private static RecurrenceRule rule(String text) {
    try {
      return new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
    } catch (InvalidRecurrenceRuleException e) {
      throw new IllegalArgumentException("invalid rule " + quote(text) + ": " + e.getMessage(), e);
    }
  }

  /** UNTIL as a local date-time in {@code zone}: a UTC one converted, a date at its midnight. */
  private static LocalDateTime untilIn(RecurrenceRule rule, ZoneId zone) {
    DateTime until = rule.getUntil();
    if (until == null) {
      return null;
    }
    try {
      return until.isFloating()
          ? local(until)
          : LocalDateTime.ofInstant(Instant.ofEpochMilli(until.getTimestamp()), zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("invalid UNTIL " + until + ": " + e.getMessage(), e);
    }
  }

  private static String quote(String line) {
    return "\"" + line + "\"";
  }

  /** A DTSTART or EXDATE value: a local date-time, floating, in UTC or in a named zone. */
  private record Stamp(LocalDateTime local, String zone, boolean utc) {

    static Stamp parse(String value, String[] head, String line) {
      String zone = null;
      boolean dateOnly = false;
      for (int i = 1; i < head.length; i++) {
        String[] parameter = head[i].split("=", 2);
        String name = parameter[0].strip().toUpperCase(Locale.ROOT);
        String argument = parameter.length < 2 ? "" : unquote(parameter[1].strip());
        if (name.equals("TZID") && Recurrences.isZoneName(argument)) {
          zone = argument;
        } else if (name.equals("TZID")) {
          throw new IllegalArgumentException(
              "unknown TZID " + quote(argument) + " in line " + quote(line));
        } else if (name.equals("VALUE") && argument.equalsIgnoreCase("DATE")) {
          dateOnly = true;
        } else if (!(name.equals("VALUE") && argument.equalsIgnoreCase("DATE-TIME"))) {
          throw new IllegalArgumentException(
              "unsupported parameter " + quote(head[i]) + " in line " + quote(line));
        }
      }
      boolean utc = !dateOnly && value.endsWith("Z");
      String digits = utc ? value.substring(0, value.length() - 1) : value;
      if (utc && zone != null) {
        throw new IllegalArgumentException(
            "a UTC time (ending in Z) takes no TZID: " + quote(line));
      }
      try {
        LocalDateTime local =
            dateOnly || digits.length() == 8
                ? LocalDate.parse(digits, DATE).atStartOfDay()
                : LocalDateTime.parse(digits, DATE_TIME);
        return new Stamp(local, zone, utc);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "invalid date-time "
                + quote(value)
                + " in line "
                + quote(line)
                + "; use a form such as 20270101T090000, 20270101T090000Z or, with"
                + " VALUE=DATE, 20270101",
            e);
      }
    }

    LocalDateTime localIn(ZoneId target) {
      if (utc) {
        return LocalDateTime.ofInstant(local.toInstant(ZoneOffset.UTC), target);
      }
      if (zone == null || ZoneId.of(zone).equals(target)) {
        return local;
      }
      return LocalDateTime.ofInstant(WallClock.instantOf(local, ZoneId.of(zone)), target);
    }

    private static String unquote(String text) {
      return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
          ? text.substring(1, text.length() - 1)
          : text;
    }
  }
}
