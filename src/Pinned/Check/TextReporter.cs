using System.Text;
using Pinned.Manifests;
using Pinned.Policy;

namespace Pinned.Check;

/// <summary>
/// The human report: one line per violation, "file:line: level [rule] Kind ns/name path: message
/// (fix: …)", a line per exempt object, errors on stderr, and a closing summary. Colour (ANSI)
/// only when the console says so.
/// </summary>
internal sealed class TextReporter(CheckConsole console) : ICheckReporter
{
    private const string Red = "\e[31m";
    private const string Yellow = "\e[33m";
    private const string Cyan = "\e[36m";
    private const string Bold = "\e[1m";
    private const string Reset = "\e[0m";

    private readonly StreamWriter _out = new(console.Output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };

    public void Object(ObjectVerdict verdict)
    {
        if (verdict.Exempt)
        {
            _out.WriteLine($"{verdict.Source}:{verdict.Line}: {Paint(Cyan, "exempt")} {verdict.Describe()}: namespace '{verdict.Namespace}' is exempt, not evaluated");
            return;
        }

        foreach (var (violation, line) in verdict.Violations.OrderBy(v => v.Line))
        {
            var level = ObjectVerdict.Level(violation.Action);
            var colour = violation.Action == RuleAction.Enforce ? Red : Yellow;
            _out.WriteLine($"{verdict.Source}:{line}: {Paint(colour, level)} [{violation.RuleId}] {verdict.Describe()} {violation.Path}: {violation.Message} (fix: {violation.Fix})");
        }
    }

    public void Error(ManifestError error)
    {
        _out.Flush();
        console.Error.WriteLine($"{error.Source}{(error.Line is { } l ? $":{l}" : string.Empty)}: {Paint(Red, "error")}: "
            + (error.DocumentIndex is { } i ? $"document {i}: " : string.Empty) + error.Message);
    }

    public void Skipped(ManifestError note)
    {
        _out.Flush();
        console.Error.WriteLine($"{note.Source}{(note.Line is { } l ? $":{l}" : string.Empty)}: note: "
            + (note.DocumentIndex is { } i ? $"document {i}: " : string.Empty) + note.Message);
    }

    public void Complete(CheckSummary summary)
    {
        var text = new StringBuilder($"pinned check: {Plural(summary.Objects, "object")} in {Plural(summary.Inputs, "input")}: ");
        text.Append($"{summary.Denied} denied, {Plural(summary.Violations, "violation")}");
        if (summary.Exempt > 0)
        {
            text.Append($", {summary.Exempt} exempt");
        }

        if (summary.Skipped > 0)
        {
            text.Append($", {summary.Skipped} skipped");
        }

        if (summary.Errors > 0)
        {
            text.Append($", {Plural(summary.Errors, "input error")}");
        }

        _out.WriteLine(Paint(Bold, text.ToString()));
        _out.Flush();
    }

    public void Dispose() => _out.Dispose();

    private string Paint(string colour, string text) => console.UseColor ? colour + text + Reset : text;

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
