namespace Pinned.Audit.Reports;

/// <summary>A PolicyReport already on the cluster, by its metadata: whether it is Pinned's, and the version to replace or delete.</summary>
internal sealed record PublishedReport(string Namespace, string Name, string ResourceVersion, bool Ours);
