using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinned.Check;
using Pinned.Policy;

namespace Pinned.Audit.Reporting;

/// <summary>
/// SARIF 2.1.0: <c>pinned check</c>'s three rules (<see cref="SarifRules"/>) plus the two drift
/// rules, one result per violation and per drift, located logically as "namespace/Kind/name"
/// (a cluster object has no file); unread kinds are tool execution notifications.
/// </summary>
internal sealed class AuditSarifReporter(bool failOnDrift) : IAuditReporter
{
    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly IReadOnlyList<SarifRule> Rules = [.. SarifRules.All, .. DriftRules.All];

    public void Write(AuditReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartArray("results");
        foreach (var finding in report.Results)
        {
            var what = $"{finding.Object.Kind} {finding.Object.Namespace}/{finding.Object.Name}"
                + (finding.Object.Kind == "Pod" ? string.Empty : $" ({finding.Pods} pods)");
            foreach (var violation in finding.Violations)
            {
                WriteResult(json, violation.RuleId, Level(violation.Action),
                    $"{what}: {violation.Path}: {violation.Message}. Fix: {violation.Fix}.", finding.Object);
            }

            foreach (var drift in finding.Drift)
            {
                WriteResult(json, drift.Id, failOnDrift ? "error" : "warning", $"{what}: {drift.Describe()}.", finding.Object);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", report.Unread.Count == 0);
        json.WriteNumber("exitCode", report.ExitCode(failOnDrift));
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var unread in report.Unread)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"not audited: {unread}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static string Level(RuleAction action) => action switch
    {
        RuleAction.Enforce => "error",
        RuleAction.Audit => "warning",
        _ => "note",
    };

    private static void WriteResult(Utf8JsonWriter json, string ruleId, string level, string message, ObjectRef where)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteNumber("ruleIndex", IndexOf(ruleId));
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", where.ToString());
        json.WriteString("kind", "object");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static int IndexOf(string ruleId)
    {
        for (int i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Id == ruleId)
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "pinned");
        var version = typeof(AuditSarifReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        json.WriteString("semanticVersion", version.Split('+')[0]);
        json.WriteStartArray("rules");
        foreach (var rule in Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.ShortDescription);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.FullDescription);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", rule.Help);
            json.WriteString("markdown", rule.Help);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
