package dev.identitybridge.operations.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.audit.entity.AuditRow;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditFormatsTest {

  private static final AuditRow ROW =
      new AuditRow(
          7,
          Instant.parse("2026-03-01T12:00:00Z"),
          "admin",
          "ACCOUNT_UPDATED",
          "account:=HYPERLINK(\"http://evil\")",
          "said \"hi\", then\nleft");

  @Test
  void quotesSeparatorsQuotesAndLineBreaks() {
    assertThat(AuditFormats.cell("plain")).isEqualTo("plain");
    assertThat(AuditFormats.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditFormats.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AuditFormats.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(AuditFormats.cell(null)).isEmpty();
  }

  @Test
  void defusesCellsASpreadsheetWouldRunAsFormulas() {
    assertThat(AuditFormats.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(AuditFormats.cell("+1")).isEqualTo("'+1");
    assertThat(AuditFormats.cell("-2")).isEqualTo("'-2");
    assertThat(AuditFormats.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(AuditFormats.cell("\t=x")).isEqualTo("'\t=x");
    assertThat(AuditFormats.cell("=HYPERLINK(\"x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    assertThat(AuditFormats.cell("a=b")).isEqualTo("a=b");
  }

  @Test
  void writesOneCsvLinePerRow() throws Exception {
    StringWriter out = new StringWriter();

    AuditFormats.csv(ROW, out);

    assertThat(out.toString())
        .isEqualTo(
            "7,2026-03-01T12:00:00Z,admin,ACCOUNT_UPDATED,"
                + "\"account:=HYPERLINK(\"\"http://evil\"\")\","
                + "\"said \"\"hi\"\", then\nleft\"\r\n");
  }

  @Test
  void writesAJsonArrayThatReadsBack() {
    StringWriter out = new StringWriter();
    JsonGenerator json = AuditFormats.jsonArray(out);
    AuditFormats.json(ROW, json);
    AuditFormats.json(new AuditRow(8, ROW.occurredAt(), "a", "LINK_CREATED", null, null), json);
    json.writeEnd().close();

    JsonArray rows = Json.createReader(new StringReader(out.toString())).readArray();

    assertThat(rows).hasSize(2);
    assertThat(rows.getJsonObject(0).getString("detail")).isEqualTo("said \"hi\", then\nleft");
    assertThat(rows.getJsonObject(1).isNull("target")).isTrue();
  }
}
