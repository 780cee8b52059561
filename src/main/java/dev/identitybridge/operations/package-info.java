/**
 * Running identity-bridge as a service: Prometheus metrics, the admin dashboard's hourly sign-in
 * counters, the audit export and the daily clean-up. It observes events the other features fire
 * (token validations, key fetches, audit events) and reads their state; nobody imports it.
 */
package dev.identitybridge.operations;
