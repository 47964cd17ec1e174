namespace Pinned.Audit.Reporting;

/// <summary>Writes a finished audit in one format.</summary>
internal interface IAuditReporter
{
    void Write(AuditReport report, Stream output);
}
