package dev.identitybridge.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The integration tests deploy the WAR that {@code mvn package} built, exactly as shipped. */
public final class Deployments {

  private Deployments() {}

  public static WebArchive war() {
    File war = new File(System.getProperty("identitybridge.war", "target/identity-bridge.war"));
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }

  /** The WAR plus the test-only {@link SeedServlet} and the {@link ShiftedClock} it moves. */
  public static WebArchive withSeeding() {
    return war().addClasses(SeedServlet.class, ShiftedClock.class);
  }
}
