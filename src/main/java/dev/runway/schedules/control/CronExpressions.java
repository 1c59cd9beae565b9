package dev.runway.schedules.control;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The cron dialect of schedules: the classic five fields (minute hour day-of-month month
 * day-of-week, 0 or 7 for Sunday, names such as MON and JAN) and the nicknames @yearly, @annually,
 * {@literal @}monthly, @weekly, @daily, @midnight and @hourly. With {@code dayOr} a restricted
 * day-of-month and a restricted day-of-week each select days (classic cron); without, a day must
 * match both.
 */
final class CronExpressions {

  private static final CronParser DAY_OR = new CronParser(definition(true));
  private static final CronParser DAY_AND = new CronParser(definition(false));

  private CronExpressions() {}

  /**
   * The parsed expression.
   *
   * @throws IllegalArgumentException with cron-utils' reason when it is not valid
   */
  static Cron parse(String expression, boolean dayOr) {
    return (dayOr ? DAY_OR : DAY_AND).parse(expression.strip());
  }

  private static CronDefinition definition(boolean dayOr) {
    CronDefinitionBuilder builder =
        CronDefinitionBuilder.defineCron()
            .withMinutes()
            .withValidRange(0, 59)
            .withStrictRange()
            .and()
            .withHours()
            .withValidRange(0, 23)
            .withStrictRange()
            .and()
            .withDayOfMonth()
            .withValidRange(1, 31)
            .withStrictRange()
            .and()
            .withMonth()
            .withValidRange(1, 12)
            .withStrictRange()
            .and()
            .withDayOfWeek()
            .withValidRange(0, 7)
            .withMondayDoWValue(1)
            .withIntMapping(7, 0)
            .withStrictRange()
            .and()
            .withSupportedNicknameYearly()
            .withSupportedNicknameAnnually()
            .withSupportedNicknameMonthly()
            .withSupportedNicknameWeekly()
            .withSupportedNicknameDaily()
            .withSupportedNicknameMidnight()
            .withSupportedNicknameHourly();
    return (dayOr ? builder : builder.matchDayOfWeekAndDayOfMonth()).instance();
  }
}
