namespace Pinned.Audit.Reports;

/// <summary>One wgpolicyk8s.io result: a failed rule on the object a person edits.</summary>
internal sealed record PolicyReportResult(ObjectRef Resource, string Rule, string Message, string Result, string Category, string Severity);
