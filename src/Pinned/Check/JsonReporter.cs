using System.Text.Encodings.Web;
using System.Text.Json;
using Pinned.Manifests;

namespace Pinned.Check;

/// <summary>
/// The JSON report of SPEC.md §5, streamed as objects are judged:
/// {"results":[{"source":"file:docIndex" (":items[N]" for a List item),"kind","namespace","name","verdict":"allow|deny",
/// "violations":[{"rule","path","image","message"}]}],"summary":{"objects","denied","violations"}}.
/// Two additions, present only when they apply: "exempt": true on an object of an exempt
/// namespace, and an "errors" list (source, document, line, message) before "summary".
/// </summary>
internal sealed class JsonReporter : ICheckReporter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Utf8JsonWriter _json;
    private readonly List<ManifestError> _errors = [];
    private readonly TextWriter _stderr;
    private readonly Stream _output;

    public JsonReporter(CheckConsole console)
    {
        _stderr = console.Error;
        _output = console.Output;
        _json = new Utf8JsonWriter(console.Output, Options);
        _json.WriteStartObject();
        _json.WriteStartArray("results");
    }

    public void Object(ObjectVerdict verdict)
    {
        _json.WriteStartObject();
        _json.WriteString("source", verdict.Location);
        _json.WriteString("kind", verdict.Kind);
        _json.WriteString("namespace", verdict.Namespace);
        _json.WriteString("name", verdict.Name);
        _json.WriteString("verdict", verdict.Denied ? "deny" : "allow");
        if (verdict.Exempt)
        {
            _json.WriteBoolean("exempt", true);
        }

        _json.WriteStartArray("violations");
        foreach (var (violation, _) in verdict.Violations)
        {
            _json.WriteStartObject();
            _json.WriteString("rule", violation.RuleId);
            _json.WriteString("path", violation.Path);
            _json.WriteString("image", violation.Image);
            _json.WriteString("message", violation.Message);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        if (_json.BytesPending > 32 * 1024)
        {
            _json.Flush();
        }
    }

    public void Error(ManifestError error)
    {
        _errors.Add(error);
        _stderr.WriteLine($"pinned check: {error}");
    }

    public void Skipped(ManifestError note) => _stderr.WriteLine($"pinned check: note: {note}");

    public void Complete(CheckSummary summary)
    {
        _json.WriteEndArray();
        if (_errors.Count > 0)
        {
            _json.WriteStartArray("errors");
            foreach (var error in _errors)
            {
                _json.WriteStartObject();
                _json.WriteString("source", error.Source);
                WriteNumberOrNull("document", error.DocumentIndex);
                WriteNumberOrNull("line", error.Line);
                _json.WriteString("message", error.Message);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        _json.WriteStartObject("summary");
        _json.WriteNumber("objects", summary.Objects);
        _json.WriteNumber("denied", summary.Denied);
        _json.WriteNumber("violations", summary.Violations);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _output.Write("\n"u8);
        _output.Flush();
    }

    public void Dispose() => _json.Dispose();

    private void WriteNumberOrNull(string name, int? value)
    {
        if (value is { } number)
        {
            _json.WriteNumber(name, number);
        }
        else
        {
            _json.WriteNull(name);
        }
    }
}
