package dev.identitybridge.operations.boundary;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.identitybridge.audit.control.AuditArchive;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.audit.entity.AuditExportFilter;
import dev.identitybridge.operations.control.AuditFormats;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /admin/audit-export?format=csv|json&actor=&action=&from=&to=}: the audit log with the
 * audit page's filters, streamed row by row (behind the admin login, as every /admin/ path). {@code
 * from} and {@code to} are dates (UTC days, {@code to} inclusive) or instants. Bad parameters get a
 * 400 before a byte of the export is written.
 */
@WebServlet("/admin/audit-export")
public class AuditExportServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient AuditArchive archive;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String format = request.getParameter("format") == null ? "csv" : request.getParameter("format");
    AuditExportFilter filter;
    try {
      if (!format.equals("csv") && !format.equals("json")) {
        throw new IllegalArgumentException("format must be csv or json");
      }
      filter =
          new AuditExportFilter(
              limited(request.getParameter("actor"), 64),
              action(request.getParameter("action")),
              moment(request.getParameter("from"), false),
              moment(request.getParameter("to"), true));
    } catch (IllegalArgumentException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    boolean csv = format.equals("csv");
    response.setContentType(csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"audit-log." + format + "\"");
    Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), UTF_8));
    try {
      if (csv) {
        out.write(AuditFormats.CSV_HEADER);
        archive.export(filter, row -> AuditFormats.csv(row, out));
        out.flush();
      } else {
        JsonGenerator json = AuditFormats.jsonArray(out);
        archive.export(filter, row -> AuditFormats.json(row, json));
        json.writeEnd().flush();
      }
    } catch (UncheckedIOException e) {
      // The response has begun: all that is left is to end it short; the log says why.
      log("Audit export failed", e);
    }
  }

  private static String limited(String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException("actor is longer than " + max + " characters");
    }
    return value;
  }

  private static AuditAction action(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return AuditAction.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("action is not one of the audit actions");
    }
  }

  /** A date means its whole UTC day: from its start, or to the start of the next day. */
  private static Instant moment(String value, boolean end) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "from and to must be dates (2026-01-31) or instants (2026-01-31T12:00:00Z)");
    }
  }
}
