/**
 * Flow runs: creation, the state rules (the only place transitions are decided), the state history
 * and its events, listing, and captured logs. Launching processes is not here but in {@code
 * processes}; deciding when to launch is in {@code runner}.
 */
package dev.runway.flowruns;
