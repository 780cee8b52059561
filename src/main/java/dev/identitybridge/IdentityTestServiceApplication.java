package dev.identitybridge;

import dev.identitybridge.api.boundary.IdentityTestServiceResource;
import dev.identitybridge.api.boundary.JsonBinding;
import dev.identitybridge.api.boundary.Problems;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The path of Microsoft's documented sample service, so its add-in code works unchanged. */
@ApplicationPath("IdentityTestService")
public class IdentityTestServiceApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        IdentityTestServiceResource.class,
        JsonBinding.class,
        Problems.RequestProblem.class,
        Problems.Unreadable.class,
        Problems.Web.class,
        Problems.Unexpected.class);
  }
}
