using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinned.Manifests;
using Pinned.Policy;

namespace Pinned.Check;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one run, the three rules with help text, one result per
/// violation (level error when enforced, warning in audit, note in warn) located by file and line,
/// and input errors as tool execution notifications. Results are streamed; only errors are kept.
/// </summary>
internal sealed class SarifReporter : ICheckReporter
{
    // The schema's own id (OASIS SARIF 2.1.0 errata 01).
    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Utf8JsonWriter _json;
    private readonly SarifLocations _locations;
    private readonly List<(ManifestError Error, string Level)> _notifications = [];
    private readonly CheckConsole _console;

    public SarifReporter(CheckConsole console)
    {
        _console = console;
        _locations = new SarifLocations(console.WorkingDirectory);
        _json = new Utf8JsonWriter(console.Output, Options);
        _json.WriteStartObject();
        _json.WriteString("$schema", SchemaUri);
        _json.WriteString("version", "2.1.0");
        _json.WriteStartArray("runs");
        _json.WriteStartObject();
        WriteTool();
        _json.WriteStartArray("results");
    }

    public void Object(ObjectVerdict verdict)
    {
        foreach (var (violation, line) in verdict.Violations)
        {
            _json.WriteStartObject();
            _json.WriteString("ruleId", violation.RuleId);
            _json.WriteNumber("ruleIndex", SarifRules.IndexOf(violation.RuleId));
            _json.WriteString("level", violation.Action switch
            {
                RuleAction.Enforce => "error",
                RuleAction.Audit => "warning",
                _ => "note",
            });
            _json.WriteStartObject("message");
            _json.WriteString("text", $"{verdict.Describe()}: {violation.Path}: {violation.Message}. Fix: {violation.Fix}.");
            _json.WriteEndObject();
            _json.WriteStartArray("locations");
            _json.WriteStartObject();
            WritePhysicalLocation(verdict.Source, line);
            _json.WriteStartArray("logicalLocations");
            _json.WriteStartObject();
            _json.WriteString("fullyQualifiedName", $"{verdict.Kind}/{verdict.Namespace}/{verdict.Name}/{violation.Path}");
            _json.WriteString("kind", "member");
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
        }

        if (_json.BytesPending > 32 * 1024)
        {
            _json.Flush();
        }
    }

    public void Error(ManifestError error)
    {
        _notifications.Add((error, "error"));
        _console.Error.WriteLine($"pinned check: {error}");
    }

    public void Skipped(ManifestError note)
    {
        _notifications.Add((note, "note"));
        _console.Error.WriteLine($"pinned check: note: {note}");
    }

    public void Complete(CheckSummary summary)
    {
        _json.WriteEndArray();
        _json.WriteStartArray("invocations");
        _json.WriteStartObject();
        _json.WriteBoolean("executionSuccessful", summary.Errors == 0);
        _json.WriteNumber("exitCode", summary.ExitCode);
        _json.WriteStartArray("toolExecutionNotifications");
        foreach (var (error, level) in _notifications)
        {
            _json.WriteStartObject();
            _json.WriteString("level", level);
            _json.WriteStartObject("message");
            _json.WriteString("text", error.DocumentIndex is { } index ? $"document {index}: {error.Message}" : error.Message);
            _json.WriteEndObject();
            _json.WriteStartArray("locations");
            _json.WriteStartObject();
            WritePhysicalLocation(error.Source, error.Line);
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _console.Output.Write("\n"u8);
        _console.Output.Flush();
    }

    public void Dispose() => _json.Dispose();

    private void WriteTool()
    {
        _json.WriteStartObject("tool");
        _json.WriteStartObject("driver");
        _json.WriteString("name", "pinned");
        var version = typeof(SarifReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        _json.WriteString("semanticVersion", version.Split('+')[0]);
        _json.WriteStartArray("rules");
        foreach (var rule in SarifRules.All)
        {
            _json.WriteStartObject();
            _json.WriteString("id", rule.Id);
            _json.WriteString("name", rule.Name);
            WriteText("shortDescription", rule.ShortDescription);
            WriteText("fullDescription", rule.FullDescription);
            _json.WriteStartObject("help");
            _json.WriteString("text", rule.Help);
            _json.WriteString("markdown", rule.Help);
            _json.WriteEndObject();
            _json.WriteStartObject("defaultConfiguration");
            _json.WriteString("level", "error");
            _json.WriteEndObject();
            _json.WriteStartObject("properties");
            _json.WriteStartArray("tags");
            _json.WriteStringValue("security");
            _json.WriteStringValue("kubernetes");
            _json.WriteEndArray();
            _json.WriteString("problem.severity", "error");
            _json.WriteEndObject();
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteText(string name, string text)
    {
        _json.WriteStartObject(name);
        _json.WriteString("text", text);
        _json.WriteEndObject();
    }

    private void WritePhysicalLocation(string source, int? line)
    {
        _json.WriteStartObject("physicalLocation");
        _json.WriteStartObject("artifactLocation");
        _json.WriteString("uri", _locations.UriOf(source));
        _json.WriteEndObject();
        _json.WriteStartObject("region");
        _json.WriteNumber("startLine", Math.Max(1, line ?? 1));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }
}
