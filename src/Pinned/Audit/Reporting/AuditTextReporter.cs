using System.Text;
using Pinned.Check;
using Pinned.Policy;

namespace Pinned.Audit.Reporting;

/// <summary>
/// The human report: namespace, then owner (with its pod count), then its findings, drift and
/// known pins, then the pods that differ from it; exempt namespaces and unread kinds; a summary.
/// Results with nothing to say (a clean owner) are left out; the summary counts them.
/// </summary>
internal sealed class AuditTextReporter(bool useColor) : IAuditReporter
{
    private const string Red = "\e[31m";
    private const string Yellow = "\e[33m";
    private const string Cyan = "\e[36m";
    private const string Bold = "\e[1m";
    private const string Reset = "\e[0m";

    public void Write(AuditReport report, Stream output)
    {
        using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        string? ns = null;
        foreach (var finding in report.Results.Where(Says))
        {
            if (finding.Object.Namespace != ns)
            {
                ns = finding.Object.Namespace;
                text.WriteLine(Paint(Bold, ns));
            }

            var indent = finding.IsPodOfOwner ? "    " : "  ";
            var owner = finding.Owner is { } o && !finding.IsPodOfOwner ? $" (controlled by {o.Kind} {o.Name}, not listed)" : string.Empty;
            var pods = finding.Object.Kind == "Pod" ? string.Empty : $" ({Plural(finding.Pods, "pod")})";
            text.WriteLine($"{indent}{finding.Object.Kind} {finding.Object.Name}{pods}{owner}");
            foreach (var violation in finding.Violations)
            {
                var colour = violation.Action == RuleAction.Enforce ? Red : Yellow;
                text.WriteLine($"{indent}  {Paint(colour, ObjectVerdict.Level(violation.Action))} [{violation.RuleId}] {violation.Path}: {violation.Message} (fix: {violation.Fix})");
            }

            foreach (var drift in finding.Drift)
            {
                text.WriteLine($"{indent}  {Paint(Yellow, "drift")} [{drift.Id}] {drift.Describe()}");
            }

            foreach (var pin in finding.Pins)
            {
                text.WriteLine($"{indent}  {Paint(Cyan, "pin")} {pin.Image} → {pin.Pinned}");
            }
        }

        foreach (var exempt in report.Exempt)
        {
            text.WriteLine($"{Paint(Cyan, "exempt")} namespace {exempt.Namespace}: {Plural(exempt.Objects, "object")} not judged");
        }

        foreach (var unread in report.Unread)
        {
            text.WriteLine($"{Paint(Red, "unread")} {unread}");
        }

        text.WriteLine(Paint(Bold, Summary(report.Summary)));
    }

    public static string Summary(AuditSummary s) =>
        $"pinned audit: {Plural(s.Objects, "object")} ({Plural(s.Pods, "pod")}) in {Plural(s.Results, "result")}: "
        + $"{s.Denied} would be denied, {Plural(s.Violations, "violation")}, {s.Drift} drift"
        + (s.Exempt > 0 ? $", {s.Exempt} exempt" : string.Empty)
        + (s.Unread > 0 ? $", {Plural(s.Unread, "kind")} unread" : string.Empty);

    private static bool Says(AuditFinding finding) => finding.Violations.Count > 0 || finding.Drift.Count > 0 || finding.Pins.Count > 0;

    private string Paint(string colour, string text) => useColor ? colour + text + Reset : text;

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
