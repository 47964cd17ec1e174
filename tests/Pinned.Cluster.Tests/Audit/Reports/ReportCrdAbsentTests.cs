using Microsoft.Extensions.Logging.Testing;
using Pinned.Audit.Reports;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>Without the wgpolicyk8s.io CRDs the publisher says so once and does not throw; once they are installed, the next round writes the reports.</summary>
[Collection(NoReportCrdCluster.Name)]
public sealed class ReportCrdAbsentTests(PlainApiServer server)
{
    [Fact]
    public async Task Without_the_CRD_it_logs_once_and_throws_nothing_and_writes_reports_once_the_CRD_is_installed()
    {
        server.Require();
        var ns = await ReportAudit.FailingNamespaceAsync(server, "shop");
        using var client = server.AdminClient();
        var logger = new FakeLogger<PolicyReportPublisher>();
        var publisher = new PolicyReportPublisher(client, logger);
        var audit = await ReportAudit.RunAsync(server, null, ns);

        await publisher.PublishAsync(audit, TestContext.Current.CancellationToken);
        await publisher.PublishAsync(audit, TestContext.Current.CancellationToken);

        var absent = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal("ReportCrdAbsent", absent.Id.Name);
        Assert.Contains("install the wgpolicyk8s.io CRDs, or set audit.reports=false", absent.Message, StringComparison.Ordinal);

        await ReportCrds.InstallAsync(server);
        await publisher.PublishAsync(audit, TestContext.Current.CancellationToken);
        var written = await PublishedReports.RequireAsync(client, ns);
        await publisher.PublishAsync(audit, TestContext.Current.CancellationToken);

        // A round that finds the same writes the same bytes, which the API server does not store again.
        var rewritten = await PublishedReports.RequireAsync(client, ns);
        Assert.Equal(PublishedReports.Metadata(written, "resourceVersion"), PublishedReports.Metadata(rewritten, "resourceVersion"));

        Assert.Equal([ReportAudit.FailingLine()], PublishedReports.Lines(rewritten));
        Assert.Equal(["ReportCrdAbsent", "ReportCrdFound", "ReportsPublished", "ReportsPublished"], logger.Collector.GetSnapshot().Select(r => r.Id.Name));
    }
}
