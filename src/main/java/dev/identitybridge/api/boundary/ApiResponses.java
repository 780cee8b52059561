package dev.identitybridge.api.boundary;

/** The OpenAPI descriptions the account API's operations share. */
final class ApiResponses {

  static final String PROBLEM = "application/problem+json";
  static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  private ApiResponses() {}
}
