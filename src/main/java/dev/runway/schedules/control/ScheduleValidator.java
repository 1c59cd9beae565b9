package dev.runway.schedules.control;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import dev.runway.platform.entity.FieldError;
import dev.runway.schedules.entity.Schedule;
import dev.runway.schedules.entity.ScheduleRequest;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the schedules of a deployment request, reporting every invalid field of every schedule at
 * once, and turns a valid request into its stored {@link Schedule}.
 */
public final class ScheduleValidator {

  static final long MAX_INTERVAL_DAYS = 3650;
  private static final BigDecimal MAX_INTERVAL = BigDecimal.valueOf(MAX_INTERVAL_DAYS * 86_400);

  /** How far ahead a cron must match at least once. */
  private static final int HORIZON_YEARS = 30;

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

  private final List<FieldError> errors = new ArrayList<>();

  private ScheduleValidator() {}

  /**
   * Every error of every schedule, named {@code schedules[i]} or {@code schedules[i].field}; empty
   * when all are valid or there are none.
   */
  public static List<FieldError> check(List<ScheduleRequest> schedules) {
    ScheduleValidator v = new ScheduleValidator();
    if (schedules != null) {
      for (int i = 0; i < schedules.size(); i++) {
        v.schedule("schedules[" + i + "]", schedules.get(i));
      }
    }
    return List.copyOf(v.errors);
  }

  /**
   * The stored form of a request that {@link #check} accepted: interval as whole seconds, {@code
   * dayOr} true by default for a cron and null otherwise, the timezone as given or else DTSTART's
   * TZID or else UTC, active by default, no parameters by default; cron, rrule and anchorDate
   * stripped of surrounding white space.
   */
  public static Schedule normalise(ScheduleRequest r, UUID id) {
    String cron = strip(r.cron());
    String rrule = strip(r.rrule());
    String timezone =
        Optional.ofNullable(r.timezone())
            .or(() -> Optional.ofNullable(rrule).map(text -> RuleText.parse(text).startZone()))
            .orElse("UTC");
    return new Schedule(
        id,
        r.interval() == null ? null : r.interval().longValueExact(),
        strip(r.anchorDate()),
        cron,
        cron == null ? null : !Boolean.FALSE.equals(r.dayOr()),
        rrule,
        timezone,
        r.active() == null || r.active(),
        r.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT : r.parameters());
  }

  private void schedule(String field, ScheduleRequest r) {
    if (r == null) {
      reject(field, "must not be null");
      return;
    }
    if (Stream.of(r.interval(), r.cron(), r.rrule()).filter(Objects::nonNull).count() != 1) {
      reject(field, "exactly one of interval, cron or rrule is required");
    }
    if (r.id() != null && !isUuid(r.id())) {
      reject(field + ".id", "must be a UUID such as 3f2c6a1e-8d4b-4c1a-9e2f-7b5d0c9a1e42");
    }
    boolean zoneValid = r.timezone() == null || Recurrences.isZoneName(r.timezone());
    if (!zoneValid) {
      reject(field + ".timezone", "must be an IANA time zone name such as Europe/Berlin or UTC");
    }
    ZoneId zone = zoneValid ? Recurrences.zone(r.timezone()) : ZoneOffset.UTC;
    interval(field + ".interval", r.interval());
    anchorDate(field + ".anchorDate", r, zone);
    cron(field + ".cron", r.cron(), r.dayOr());
    if (r.dayOr() != null && r.cron() == null) {
      reject(field + ".dayOr", "only applies to a cron schedule");
    }
    rrule(field + ".rrule", r.rrule(), zoneValid ? r.timezone() : null);
  }

  private void interval(String field, BigDecimal seconds) {
    if (seconds == null) {
      return;
    }
    if (seconds.signum() != 0 && seconds.stripTrailingZeros().scale() > 0) {
      reject(field, "must be a whole number of seconds");
    } else if (seconds.compareTo(BigDecimal.ONE) < 0) {
      reject(field, "must be at least 1 second");
    } else if (seconds.compareTo(MAX_INTERVAL) > 0) {
      reject(
          field, "must be at most " + MAX_INTERVAL_DAYS + " days (" + MAX_INTERVAL + " seconds)");
    }
  }

  private void anchorDate(String field, ScheduleRequest r, ZoneId zone) {
    if (r.anchorDate() == null) {
      return;
    }
    if (r.interval() == null) {
      reject(field, "only applies to an interval schedule");
      return;
    }
    try {
      Anchor.parse(r.anchorDate(), zone);
    } catch (IllegalArgumentException e) {
      reject(field, e.getMessage());
    }
  }

  private void cron(String field, String expression, Boolean dayOr) {
    if (expression == null) {
      return;
    }
    if (expression.isBlank()) {
      reject(field, "must not be blank");
      return;
    }
    Cron cron;
    try {
      cron = CronExpressions.parse(expression, !Boolean.FALSE.equals(dayOr));
    } catch (IllegalArgumentException e) {
      reject(
          field,
          "is not a valid cron expression (minute hour day-of-month month day-of-week, or a"
              + " nickname such as @daily): "
              + e.getMessage());
      return;
    }
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    Optional<ZonedDateTime> next =
        ExecutionTime.forCron(cron).nextExecution(now.atZone(ZoneOffset.UTC));
    if (next.isEmpty() || next.get().toLocalDateTime().isAfter(now.plusYears(HORIZON_YEARS))) {
      reject(field, "never matches any date");
    }
  }

  private void rrule(String field, String text, String timezone) {
    if (text == null) {
      return;
    }
    if (text.isBlank()) {
      reject(field, "must not be blank");
      return;
    }
    RuleText rule;
    try {
      rule = RuleText.parse(text.strip());
    } catch (IllegalArgumentException e) {
      reject(field, "is not a valid rrule: " + e.getMessage());
      return;
    }
    String startZone = rule.startZone();
    if (startZone != null
        && timezone != null
        && !ZoneId.of(startZone).equals(ZoneId.of(timezone))) {
      reject(field, "DTSTART's TZID must match timezone");
      return;
    }
    String zone = timezone != null ? timezone : startZone;
    try {
      new RuleRecurrence(rule, Recurrences.zone(zone));
    } catch (IllegalArgumentException e) {
      reject(field, "never matches any date (" + e.getMessage() + ")");
    }
  }

  private static boolean isUuid(String text) {
    return UUID_TEXT.matcher(text).matches();
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
