namespace Pinned.Audit.Reports;

/// <summary>
/// One wgpolicyk8s.io result: a failed rule on the object a person edits. <see cref="Properties"/>
/// carries what a reader filters on (the field path, the image, how many pods the owner covers).
/// </summary>
internal sealed record PolicyReportResult(
    ObjectRef Resource,
    string Rule,
    string Message,
    string Result,
    string Category,
    string Severity,
    IReadOnlyDictionary<string, string> Properties);
