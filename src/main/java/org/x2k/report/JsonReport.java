package org.x2k.report;

import java.util.List;
import org.x2k.convert.Conversion;
import org.x2k.convert.Report;

/**
 * The machine-readable report of a run ({@code --report FILE}); its format is documented in the
 * docs/report.md and versioned: fields are only ever added.
 *
 * <pre>
 * {"format": "x2k-report", "version": 1, "domains": [
 *   {"input": "...", "status": "converted|unchanged|skipped|failed",
 *    "error": "..." (failed only), "detail": "..." (failed, where there is more to say),
 *    "reason": "..." (skipped only),
 *    "name": "...", "uuid": "...",
 *    "changes": [{"code": "...", "text": "..."}],
 *    "actions": [{"code": "...", "severity": "required|recommended|info", "text": "..."}],
 *    "devices": [{"from": "xvda", "to": "vda", "bus": "virtio"}],
 *    "storage": [{"path": "/var/lib/xen/images/vm.img", "device": "disk"}],
 *    "copies": [{"disk": "xvda", "source": "...", "target": "...", "format": "raw|qcow2",
 *                "size": 4294967296, "bytes": 1073741824, "seconds": 12.5,
 *                "verified": true, "kept": false}] (--copy-storage only)}]}
 * </pre>
 */
public final class JsonReport {
  static final int VERSION = 1;

  private final StringBuilder out = new StringBuilder();

  private JsonReport() {}

  public static String write(List<Outcome> outcomes) {
    JsonReport json = new JsonReport();
    json.out
        .append("{\n  \"format\": \"x2k-report\",\n  \"version\": ")
        .append(VERSION)
        .append(",\n  \"domains\": [");
    for (int i = 0; i < outcomes.size(); i++) {
      json.out.append(i == 0 ? "\n" : ",\n");
      json.domain(outcomes.get(i));
    }
    json.out.append(outcomes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return json.out.toString();
  }

  private void domain(Outcome outcome) {
    out.append("    {\n");
    field(6, "input", outcome.input(), true);
    field(6, "status", outcome.status().jsonName(), true);
    Conversion conversion = outcome.conversion();
    if (conversion == null) {
      boolean detail = !outcome.skipped() && !outcome.detail().isEmpty();
      field(6, outcome.skipped() ? "reason" : "error", outcome.error(), detail);
      if (detail) {
        field(6, "detail", outcome.detail(), false);
      }
      out.append("\n    }");
      return;
    }
    field(6, "name", conversion.name(), true);
    field(6, "uuid", conversion.uuid(), true);
    Report report = conversion.report();
    out.append("      \"changes\": [");
    for (int i = 0; i < report.changes().size(); i++) {
      Report.Change change = report.changes().get(i);
      out.append(i == 0 ? "\n" : ",\n").append("        {");
      inline("code", change.code(), true);
      inline("text", change.text(), false);
      out.append('}');
    }
    out.append(report.changes().isEmpty() ? "],\n" : "\n      ],\n");
    out.append("      \"actions\": [");
    for (int i = 0; i < report.actions().size(); i++) {
      Report.Action action = report.actions().get(i);
      out.append(i == 0 ? "\n" : ",\n").append("        {");
      inline("code", action.code(), true);
      inline("severity", action.severity(), true);
      inline("text", action.text(), false);
      out.append('}');
    }
    out.append(report.actions().isEmpty() ? "],\n" : "\n      ],\n");
    out.append("      \"devices\": [");
    for (int i = 0; i < report.devices().size(); i++) {
      Report.DeviceRename device = report.devices().get(i);
      out.append(i == 0 ? "\n" : ",\n").append("        {");
      inline("from", device.from(), true);
      inline("to", device.to(), true);
      inline("bus", device.bus(), false);
      out.append('}');
    }
    out.append(report.devices().isEmpty() ? "],\n" : "\n      ],\n");
    out.append("      \"storage\": [");
    for (int i = 0; i < report.storage().size(); i++) {
      Report.Storage storage = report.storage().get(i);
      out.append(i == 0 ? "\n" : ",\n").append("        {");
      inline("path", storage.path(), true);
      inline("device", storage.device(), false);
      out.append('}');
    }
    out.append(report.storage().isEmpty() ? "]" : "\n      ]");
    if (!report.copies().isEmpty()) {
      out.append(",\n      \"copies\": [");
      for (int i = 0; i < report.copies().size(); i++) {
        Report.DiskCopy copy = report.copies().get(i);
        out.append(i == 0 ? "\n" : ",\n").append("        {");
        inline("disk", copy.xenName(), true);
        inline("source", copy.source(), true);
        inline("target", copy.target(), true);
        inline("format", copy.format(), true);
        out.append("\"size\": ").append(copy.size()).append(", ");
        out.append("\"bytes\": ").append(copy.bytes()).append(", ");
        out.append("\"seconds\": ").append(copy.seconds()).append(", ");
        out.append("\"verified\": ").append(copy.verified()).append(", ");
        out.append("\"kept\": ").append(copy.kept());
        out.append('}');
      }
      out.append("\n      ]");
    }
    out.append("\n    }");
  }

  private void field(int indent, String name, String value, boolean more) {
    out.append(" ".repeat(indent));
    string(name);
    out.append(": ");
    string(value);
    out.append(more ? ",\n" : "");
  }

  private void inline(String name, String value, boolean more) {
    string(name);
    out.append(": ");
    string(value);
    out.append(more ? ", " : "");
  }

  private void string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
