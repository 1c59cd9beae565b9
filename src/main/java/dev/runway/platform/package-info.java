/**
 * What every capability stands on: the JAX-RS application, problem+json errors, strict JSON
 * binding, the server's resources (datasource, thread pools, clock) and the schema migration. No
 * business rules live here.
 */
package dev.runway.platform;
