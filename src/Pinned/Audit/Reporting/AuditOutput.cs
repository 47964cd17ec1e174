namespace Pinned.Audit.Reporting;

/// <summary>The report formats of <c>pinned audit</c>: those of <c>pinned check</c>.</summary>
internal enum AuditOutput
{
    Text,
    Json,
    Sarif,
}
