/**
 * Schedules: interval, cron and RRULE definitions of when a deployment runs, their evaluation in
 * the schedule's time zone, the materialisation of runs ahead of time and the schedule preview.
 */
package dev.runway.schedules;
