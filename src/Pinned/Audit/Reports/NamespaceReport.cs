namespace Pinned.Audit.Reports;

/// <summary>
/// The PolicyReport content of one namespace: at most <see cref="PolicyReportBuilder.MaxResults"/>
/// results, with counts over all of them (so the summary stays exact when results are cut).
/// </summary>
internal sealed record NamespaceReport(string Namespace, IReadOnlyList<PolicyReportResult> Results, int Fail, int Warn, bool Truncated);
