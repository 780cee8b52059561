package dev.identitybridge.accounts.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.config.entity.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client address that sign-in attempts are counted under. A request's own peer address, unless
 * that is one of {@code identitybridge.trusted-proxies}: then the address that proxy says it saw
 * ({@code Forwarded}, else {@code X-Forwarded-For}), walking back through further trusted proxies.
 * Headers from anyone else are ignored, or every client could pick a fresh address per guess. IPv6
 * clients count per /64, the block one subscriber usually gets.
 */
@ApplicationScoped
public class ClientAddresses {

  @Inject Configuration configuration;

  private volatile List<Cidr> trustedProxies;

  /** Reads the list at start-up, so that a wrong entry stops the deployment with its reason. */
  void readTrustedProxies(@Observes Startup startup) {
    trustedProxies();
  }

  public String of(HttpServletRequest request) {
    return of(
        request.getRemoteAddr(),
        Collections.list(request.getHeaders("X-Forwarded-For")),
        Collections.list(request.getHeaders("Forwarded")));
  }

  /**
   * @param peer the connection's address
   * @param forwardedFor the {@code X-Forwarded-For} header lines, in order
   * @param forwarded the {@code Forwarded} (RFC 7239) header lines, in order
   */
  public String of(String peer, List<String> forwardedFor, List<String> forwarded) {
    Optional<InetAddress> connection = Cidr.address(peer);
    if (connection.isEmpty()) {
      return peer;
    }
    InetAddress client = connection.get();
    List<String> hops = forwarded.isEmpty() ? listed(forwardedFor) : forwardedFor(forwarded);
    // The right-most entry was added by the proxy next to us; only proxies we trust are believed.
    for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
      Optional<InetAddress> hop = Cidr.address(literal(hops.get(i)));
      if (hop.isEmpty()) {
        break;
      }
      client = hop.get();
    }
    return counted(client);
  }

  private boolean trusted(InetAddress address) {
    return trustedProxies().stream().anyMatch(block -> block.contains(address));
  }

  private List<Cidr> trustedProxies() {
    List<Cidr> read = trustedProxies;
    if (read == null) {
      read = configuration.trustedProxies();
      trustedProxies = read;
    }
    return read;
  }

  /** IPv4 as it is; IPv6 as its /64, e.g. {@code 2001:db8:1:2::/64}. */
  static String counted(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)));
      prefix.append(':');
    }
    return prefix.append(":/64").toString();
  }

  private static List<String> listed(List<String> lines) {
    List<String> entries = new ArrayList<>();
    for (String line : lines) {
      Arrays.stream(line.split(",")).map(String::strip).forEach(entries::add);
    }
    return entries;
  }

  /** The {@code for=} of each element of the Forwarded lines, in order. */
  private static List<String> forwardedFor(List<String> lines) {
    List<String> entries = new ArrayList<>();
    for (String element : listed(lines)) {
      String value = "";
      for (String pair : element.split(";")) {
        String[] nameAndValue = pair.strip().split("=", 2);
        if (nameAndValue.length == 2
            && nameAndValue[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
          value = nameAndValue[1].strip();
        }
      }
      entries.add(value);
    }
    return entries;
  }

  /**
   * The address in an entry: quotes, IPv6 brackets and a port taken off ({@code
   * "[2001:db8::1]:443"}, {@code 192.0.2.7:5000}). Anything else ({@code unknown}, {@code _hidden})
   * is no address.
   */
  private static String literal(String entry) {
    String text = entry.strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      return end < 0 ? "" : text.substring(1, end);
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && colon == text.lastIndexOf(':')) {
      return text.substring(0, colon);
    }
    return text;
  }
}
