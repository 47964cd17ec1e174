using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pinned.Audit.Reporting;

/// <summary>
/// The JSON report: <c>pinned check</c>'s shape (results with kind, namespace, name, verdict,
/// violations; a summary) plus, per result, <c>owner</c>, <c>pods</c>, <c>drift</c> and
/// <c>pins</c>, and at the top level the scope's <c>pins</c>, <c>exempt</c> namespaces and
/// <c>unread</c> kinds. <c>source</c> is the result's logical location, "namespace/Kind/name".
/// </summary>
internal sealed class AuditJsonReporter : IAuditReporter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Write(AuditReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var finding in report.Results)
        {
            WriteResult(json, finding);
        }

        json.WriteEndArray();
        WritePins(json, "pins", report.Pins);
        json.WriteStartArray("exempt");
        foreach (var exempt in report.Exempt)
        {
            json.WriteStartObject();
            json.WriteString("namespace", exempt.Namespace);
            json.WriteNumber("objects", exempt.Objects);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("unread");
        foreach (var unread in report.Unread)
        {
            json.WriteStartObject();
            json.WriteString("kind", unread.Kind);
            json.WriteString("resource", unread.Resource);
            json.WriteString("reason", unread.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var s = report.Summary;
        json.WriteStartObject("summary");
        json.WriteNumber("objects", s.Objects);
        json.WriteNumber("denied", s.Denied);
        json.WriteNumber("violations", s.Violations);
        json.WriteNumber("pods", s.Pods);
        json.WriteNumber("results", s.Results);
        json.WriteNumber("drift", s.Drift);
        json.WriteNumber("exempt", s.Exempt);
        json.WriteNumber("unread", s.Unread);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void WriteResult(Utf8JsonWriter json, AuditFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("source", finding.Object.ToString());
        json.WriteString("kind", finding.Object.Kind);
        json.WriteString("namespace", finding.Object.Namespace);
        json.WriteString("name", finding.Object.Name);
        json.WriteString("verdict", finding.Denied ? "deny" : "allow");
        if (finding.Owner is { } owner)
        {
            json.WriteStartObject("owner");
            json.WriteString("kind", owner.Kind);
            json.WriteString("name", owner.Name);
            json.WriteBoolean("listed", finding.OwnerKnown);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("owner");
        }

        json.WriteNumber("pods", finding.Pods);
        json.WriteStartArray("violations");
        foreach (var violation in finding.Violations)
        {
            json.WriteStartObject();
            json.WriteString("rule", violation.RuleId);
            json.WriteString("path", violation.Path);
            json.WriteString("image", violation.Image);
            json.WriteString("message", violation.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("drift");
        foreach (var drift in finding.Drift)
        {
            json.WriteStartObject();
            json.WriteString("type", drift.Id);
            json.WriteString("image", drift.Image);
            json.WriteStartArray("running");
            foreach (var running in drift.Running)
            {
                json.WriteStartObject();
                json.WriteString("digest", running.Digest);
                json.WriteNumber("pods", running.Pods);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("message", drift.Describe());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WritePins(json, "pins", finding.Pins);
        json.WriteEndObject();
    }

    private static void WritePins(Utf8JsonWriter json, string name, IReadOnlyList<KnownPin> pins)
    {
        json.WriteStartArray(name);
        foreach (var pin in pins)
        {
            json.WriteStartObject();
            json.WriteString("image", pin.Image);
            json.WriteString("pinned", pin.Pinned);
            json.WriteNumber("pods", pin.Pods);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
