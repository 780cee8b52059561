/**
 * Readiness: whether this instance can serve requests, for load balancers, container health checks
 * and the test suite.
 */
package dev.identitybridge.health;
