package dev.identitybridge.operations.control;

import dev.identitybridge.audit.entity.AuditRow;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/** How an exported audit row is written: RFC 4180 CSV, safe to open in a spreadsheet, or JSON. */
public final class AuditFormats {

  public static final String CSV_HEADER = "id,occurred_at,actor,action,target,detail\r\n";

  private AuditFormats() {}

  public static void csv(AuditRow row, Writer out) throws IOException {
    out.write(Long.toString(row.id()));
    out.write(',');
    out.write(row.occurredAt().toString());
    for (String value : new String[] {row.actor(), row.action(), row.target(), row.detail()}) {
      out.write(',');
      out.write(cell(value));
    }
    out.write("\r\n");
  }

  /**
   * One CSV cell. Quoted when it holds a separator, quote or line break; a leading {@code = + - @}
   * (or tab or carriage return) gets an apostrophe first, so a spreadsheet shows it as text instead
   * of running it as a formula.
   */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  public static JsonGenerator jsonArray(Writer out) {
    return Json.createGenerator(out).writeStartArray();
  }

  public static void json(AuditRow row, JsonGenerator out) {
    out.writeStartObject()
        .write("id", row.id())
        .write("occurredAt", row.occurredAt().toString())
        .write("actor", row.actor())
        .write("action", row.action());
    nullable(out, "target", row.target());
    nullable(out, "detail", row.detail());
    out.writeEnd();
  }

  private static void nullable(JsonGenerator out, String name, String value) {
    if (value == null) {
      out.writeNull(name);
    } else {
      out.write(name, value);
    }
  }
}
