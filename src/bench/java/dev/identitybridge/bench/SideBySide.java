package dev.identitybridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The JMH benchmarks' candidates measured in interleaved slices (each candidate 200 ms in turn,
 * many rounds), so that a machine shared with other work slows all of them alike and the ratios
 * stay meaningful even when the absolute figures drift. Run with {@code mvn -Pbench test-compile
 * exec:exec@side-by-side}.
 */
public final class SideBySide {

  private static final long SLICE_NANOS = 200_000_000L;

  // Each result is stored, as JMH's Blackhole takes it, not hashed: a record's hashCode walks all
  // its fields (an Identity's claims included), work no caller of the port does and the bare
  // verify's boolean does not pay.
  private static volatile Object sink;

  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    TokenValidationBenchmark benchmark = new TokenValidationBenchmark();
    benchmark.setUp();
    try {
      Map<String, Callable<Object>> candidates = new LinkedHashMap<>();
      candidates.put("bareJdkVerify", benchmark::bareJdkVerify);
      candidates.put("freshToken", benchmark::freshToken);
      candidates.put("bareJdkVerifyEntra", benchmark::bareJdkVerifyEntra);
      candidates.put("freshEntraToken", benchmark::freshEntraToken);
      candidates.put("repeatedToken", benchmark::repeatedToken);
      candidates.put("repeatedEntraToken", benchmark::repeatedEntraToken);
      candidates.put("exchangePeer", benchmark::exchangePeer);
      candidates.put("entraPeer", benchmark::entraPeer);
      Map<String, long[]> totals = new LinkedHashMap<>();
      candidates.keySet().forEach(name -> totals.put(name, new long[2]));
      for (int round = -5; round < rounds; round++) {
        for (Map.Entry<String, Callable<Object>> candidate : candidates.entrySet()) {
          long[] slice = slice(candidate.getValue());
          if (round >= 0) {
            totals.get(candidate.getKey())[0] += slice[0];
            totals.get(candidate.getKey())[1] += slice[1];
          }
        }
      }
      Map<String, Double> perSecond = new LinkedHashMap<>();
      totals.forEach((name, t) -> perSecond.put(name, t[0] * 1e9 / t[1]));
      perSecond.forEach((name, rate) -> System.out.printf("%-20s %12.1f ops/s%n", name, rate));
      ratio(perSecond, "freshToken", "bareJdkVerify", "%.3f");
      ratio(perSecond, "freshEntraToken", "bareJdkVerifyEntra", "%.3f");
      ratio(perSecond, "repeatedToken", "bareJdkVerify", "%.1f");
      ratio(perSecond, "repeatedEntraToken", "bareJdkVerifyEntra", "%.1f");
      ratio(perSecond, "freshToken", "exchangePeer", "%.1f");
      ratio(perSecond, "freshEntraToken", "entraPeer", "%.1f");
      ratio(perSecond, "repeatedToken", "exchangePeer", "%.1f");
      ratio(perSecond, "repeatedEntraToken", "entraPeer", "%.1f");
      // No validator of a fresh token beats the bare verify: the most fresh/peer can be here.
      ratio(perSecond, "bareJdkVerify", "exchangePeer", "%.1f");
      ratio(perSecond, "bareJdkVerifyEntra", "entraPeer", "%.1f");
    } finally {
      benchmark.tearDown();
    }
  }

  private static void ratio(
      Map<String, Double> perSecond, String candidate, String reference, String format) {
    System.out.printf(
        "%-38s = " + format + "%n",
        candidate + " / " + reference,
        perSecond.get(candidate) / perSecond.get(reference));
  }

  /** Runs one candidate for a slice: {operations, nanoseconds}. */
  private static long[] slice(Callable<Object> candidate) throws Exception {
    long start = System.nanoTime();
    long end = start + SLICE_NANOS;
    long operations = 0;
    long now;
    do {
      sink = candidate.call();
      operations++;
      now = System.nanoTime();
    } while (now < end);
    return new long[] {operations, now - start};
  }
}
