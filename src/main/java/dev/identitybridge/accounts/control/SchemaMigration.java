package dev.identitybridge.accounts.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before anything else starts. The schema belongs to the migrations in
 * {@code db/migration}, never to JPA schema generation, so H2 and PostgreSQL get the same tables.
 */
@ApplicationScoped
public class SchemaMigration {

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) {
    Flyway.configure(SchemaMigration.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
