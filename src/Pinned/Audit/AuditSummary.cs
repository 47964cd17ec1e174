namespace Pinned.Audit;

/// <summary>Counts over one audit: objects judged, results reported, what would be denied, drift.</summary>
internal sealed record AuditSummary(int Objects, int Pods, int Results, int Denied, int Violations, int Drift, int Exempt, int Unread);
