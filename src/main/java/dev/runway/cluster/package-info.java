/**
 * Runner nodes sharing one store: heartbeats and the list of live nodes. Recovery of a lost node's
 * runs belongs here too; not in the transport of runs, which is the store itself.
 */
package dev.runway.cluster;
