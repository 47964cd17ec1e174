using System.Collections;
using Pinned.Policy;
using Pinned.Serve;

namespace Pinned.Audit.Reporting;

/// <summary>
/// Runs `pinned audit`: loads the policy as `pinned check` does (file, PINNED_* variables, --mode),
/// connects as kubectl would, audits, prints the report (or, with --pins, the pins file) and
/// returns the exit code of SPEC.md §8 (with --pins: 0, or 2 when some kind was unread).
/// </summary>
internal sealed class AuditRunner(Stream stdout, TextWriter stderr, bool stderrIsTerminal, bool useColor, IDictionary environment)
{
    public async Task<int> RunAsync(AuditSettings settings, CancellationToken cancellationToken)
    {
        PolicyOptions policy;
        try
        {
            var overrides = EnvironmentOverrides.Read(environment).ToList();
            if (settings.Mode is { } mode)
            {
                overrides.Add(new("mode", mode.ToConfigString()));
            }

            policy = PolicyLoader.Load(settings.ConfigFile, overrides);
        }
        catch (PolicyException e)
        {
            await stderr.WriteLineAsync($"pinned audit: {e.Message}");
            return 2;
        }

        AuditReport report;
        try
        {
            using var api = ClusterConnection.Open(settings.Kubeconfig, settings.Context, ClusterConnection.Variables(environment));
            using var progress = stderrIsTerminal ? new ListingProgress(stderr) : null;
            report = await new ClusterAudit(api, new PolicyEvaluator(policy), new ClusterReadOptions { CallBudget = settings.CallBudget })
                .RunAsync(settings.Namespace, progress is null ? null : progress.Report, cancellationToken);
        }
        catch (ClusterConnectionException e)
        {
            await stderr.WriteLineAsync($"pinned audit: {e.Message}");
            return 2;
        }

        foreach (var unread in report.Unread)
        {
            await stderr.WriteLineAsync($"pinned audit: not audited: {unread}");
        }

        if (settings.Pins)
        {
            PinsFile.Write(report.Pins, stdout);
            await stdout.FlushAsync(cancellationToken);
            return report.Unread.Count > 0 ? 2 : 0;
        }

        IAuditReporter reporter = settings.Output switch
        {
            AuditOutput.Json => new AuditJsonReporter(),
            AuditOutput.Sarif => new AuditSarifReporter(settings.FailOnDrift),
            _ => new AuditTextReporter(useColor),
        };
        reporter.Write(report, stdout);
        await stdout.FlushAsync(cancellationToken);
        return report.ExitCode(settings.FailOnDrift);
    }

}
