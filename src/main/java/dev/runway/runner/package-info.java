/**
 * The runner: the singleton that polls for due runs, claims them within this node's slots, times
 * their start and hands them to the process supervisor; its Java API and REST status; health.
 */
package dev.runway.runner;
