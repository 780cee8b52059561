package dev.identitybridge.operations.boundary;

import dev.identitybridge.keys.control.ExpiringKeys;
import dev.identitybridge.keys.entity.ExpiringKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The signing certificates near their end, for the warning on the dashboard and key sources. */
@Named
@RequestScoped
public class ExpiryWarning {

  @Inject ExpiringKeys expiringKeys;

  private List<ExpiringKey> expiring;

  public List<ExpiringKey> getExpiring() {
    if (expiring == null) {
      expiring = expiringKeys.within();
    }
    return expiring;
  }

  public long getDays() {
    return expiringKeys.window().toDays();
  }
}
