package dev.identitybridge.accounts.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.config.control.MapConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  private static ClientAddresses behind(String trustedProxies) {
    ClientAddresses clients = new ClientAddresses();
    clients.configuration =
        MapConfig.configuration(Map.of("identitybridge.trusted-proxies", trustedProxies));
    return clients;
  }

  private static final ClientAddresses BEHIND_PROXY = behind("10.0.0.0/8, fd00::/8");

  @Test
  void withoutTrustedProxiesTheConnectionCountsWhateverTheHeadersSay() {
    ClientAddresses clients = behind("");

    assertThat(clients.of("192.0.2.7", List.of("203.0.113.9"), List.of("for=203.0.113.9")))
        .isEqualTo("192.0.2.7");
  }

  @Test
  void believesTheAddressATrustedProxySaw() {
    assertThat(BEHIND_PROXY.of("10.1.2.3", List.of("203.0.113.9"), List.of()))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void ignoresTheHeadersOfAClientThatIsNoTrustedProxy() {
    assertThat(BEHIND_PROXY.of("192.0.2.7", List.of("203.0.113.9"), List.of()))
        .isEqualTo("192.0.2.7");
  }

  @Test
  void walksBackThroughTrustedProxiesOnlyAndNeverBelievesWhatTheClientWroteItself() {
    // The client sent "X-Forwarded-For: 198.51.100.1"; its proxy and ours appended what they saw.
    assertThat(
            BEHIND_PROXY.of(
                "10.0.0.9", List.of("198.51.100.1, 203.0.113.9", "10.0.0.5"), List.of()))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void prefersTheStandardForwardedHeader() {
    assertThat(
            BEHIND_PROXY.of(
                "10.0.0.9",
                List.of("198.51.100.1"),
                List.of("for=192.0.2.60;proto=https;by=10.0.0.9, for=\"10.0.0.5:8080\"")))
        .isEqualTo("192.0.2.60");
  }

  @Test
  void countsAnIpv6ClientPerSlash64() {
    String one =
        BEHIND_PROXY.of("fd00::1", List.of(), List.of("for=\"[2001:db8:cafe:17::1]:4711\""));
    String sameBlock = BEHIND_PROXY.of("fd00::1", List.of("2001:db8:cafe:17:ffff::9"), List.of());
    String nextBlock = BEHIND_PROXY.of("fd00::1", List.of("2001:db8:cafe:18::1"), List.of());

    assertThat(one).isEqualTo("2001:db8:cafe:17::/64").isEqualTo(sameBlock);
    assertThat(nextBlock).isNotEqualTo(one);
    assertThat(behind("").of("2001:db8::1", List.of(), List.of())).isEqualTo("2001:db8:0:0::/64");
  }

  @Test
  void anIpv4MappedAddressIsTheIpv4Address() {
    assertThat(behind("").of("::ffff:192.0.2.7", List.of(), List.of())).isEqualTo("192.0.2.7");
  }

  @Test
  void stopsAtTheLastTrustedProxyWhenTheNextHopIsNoAddress() {
    assertThat(BEHIND_PROXY.of("10.0.0.9", List.of("unknown"), List.of())).isEqualTo("10.0.0.9");
    assertThat(BEHIND_PROXY.of("10.0.0.9", List.of(), List.of("for=_hidden")))
        .isEqualTo("10.0.0.9");
    assertThat(BEHIND_PROXY.of("10.0.0.9", List.of("localhost"), List.of()))
        .as("a name is never looked up")
        .isEqualTo("10.0.0.9");
    assertThat(BEHIND_PROXY.of("10.0.0.9", List.of("203.0.113.9:5000"), List.of()))
        .isEqualTo("203.0.113.9");
  }
}
