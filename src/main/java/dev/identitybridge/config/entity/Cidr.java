package dev.identitybridge.config.entity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address ({@code
 * 192.0.2.7}, which is {@code /32}; {@code ::1}, which is {@code /128}).
 */
public final class Cidr {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException when the text is not an IP address with an optional prefix
   *     length
   */
  public static Cidr parse(String text) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length > 2) {
      throw notACidr(text);
    }
    InetAddress address = address(parts[0]).orElseThrow(() -> notACidr(text));
    int bits = address.getAddress().length * 8;
    int prefix;
    try {
      prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
    } catch (NumberFormatException e) {
      throw notACidr(text);
    }
    if (prefix < 0 || prefix > bits) {
      throw notACidr(text);
    }
    return new Cidr(address.getAddress(), prefix, text.strip());
  }

  /**
   * An IP address written as a literal (IPv4 dotted quad or IPv6), never looked up in DNS; an
   * IPv4-mapped IPv6 address is the IPv4 address.
   */
  public static Optional<InetAddress> address(String literal) {
    if (literal == null || !(IPV4.matcher(literal).matches() || IPV6.matcher(literal).matches())) {
      return Optional.empty();
    }
    try {
      // Only literals get here, which InetAddress parses without asking DNS.
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    if (!Arrays.equals(bytes, 0, whole, network, 0, whole)) {
      return false;
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest);
    return (bytes[whole] & mask) == (network[whole] & mask);
  }

  private static IllegalArgumentException notACidr(String text) {
    return new IllegalArgumentException(
        "Not an IP address or a CIDR block (such as 10.0.0.0/8 or 2001:db8::/32): " + text);
  }

  @Override
  public String toString() {
    return text;
  }
}
