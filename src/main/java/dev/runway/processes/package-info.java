/**
 * Operating-system processes: planning a run's argv and environment, starting it without a shell,
 * capturing its output line by line, and turning its exit into a final state. Knows nothing of the
 * store: it reports through {@link dev.runway.processes.control.RunRecorder}.
 */
package dev.runway.processes;
