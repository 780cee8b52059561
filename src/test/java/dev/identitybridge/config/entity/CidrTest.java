package dev.identitybridge.config.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  private static InetAddress ip(String literal) {
    return Cidr.address(literal).orElseThrow();
  }

  @Test
  void containsTheAddressesOfItsBlock() {
    Cidr block = Cidr.parse("10.20.0.0/14");

    assertThat(block.contains(ip("10.20.0.1"))).isTrue();
    assertThat(block.contains(ip("10.23.255.255"))).isTrue();
    assertThat(block.contains(ip("10.24.0.0"))).isFalse();
    assertThat(block.contains(ip("2001:db8::1"))).isFalse();
  }

  @Test
  void aSingleAddressIsABlockOfOne() {
    assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
    assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    assertThat(Cidr.parse("::1").contains(ip("::1"))).isTrue();
  }

  @Test
  void readsIpv6Blocks() {
    Cidr block = Cidr.parse("2001:db8:cafe::/48");

    assertThat(block.contains(ip("2001:db8:cafe:17::1"))).isTrue();
    assertThat(block.contains(ip("2001:db8:caff::1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/x", "::/129", "proxy.example", "1/2/3"})
  void refusesWhatIsNoBlock(String text) {
    assertThatThrownBy(() -> Cidr.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CIDR");
  }

  @Test
  void neverLooksANameUp() {
    assertThat(Cidr.address("localhost")).isEmpty();
    assertThat(Cidr.address("example.com")).isEmpty();
    assertThat(Cidr.address("1.2.3")).isEmpty();
  }
}
