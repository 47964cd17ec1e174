using System.CommandLine;
using Pinned.Audit.Reporting;
using Pinned.Policy;

namespace Pinned.Cli;

/// <summary>
/// <c>pinned audit [--kubeconfig FILE] [--context NAME] [-n NS | -A] [--config FILE]
/// [--output text|json|sarif] [--mode …] [--fail-on drift] [--pins]</c>: the live cluster, judged
/// with the webhook's policy (SPEC.md §8).
/// </summary>
internal static class AuditCommand
{
    public const string Name = "audit";

    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, or the in-cluster service account)." };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context to use (default: its current context)." };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Audit one namespace only." };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Audit every namespace (the default)." };
        var config = new Option<string?>("--config", "-c") { Description = "Policy file (YAML or JSON), the same as for `pinned serve`." };
        var output = new Option<string>("--output", "-o") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "sarif");
        var mode = new Option<string?>("--mode") { Description = "Overrides the policy's mode: enforce, or audit/warn to report without failing." };
        mode.AcceptOnlyFromAmong("enforce", "audit", "warn");
        var failOn = new Option<string?>("--fail-on") { Description = "Also exit 1 on drift (one tag on several digests, a pinned image running another)." };
        failOn.AcceptOnlyFromAmong("drift");
        var pins = new Option<bool>("--pins") { Description = "Print the pins the cluster already knows (image: pinned image), for `pinned pin --from FILE`." };

        var timeout = new Option<string>("--timeout")
        {
            Description = "Budget of each call to the API server, retries of 429, 5xx and dropped connections included (e.g. 30s, 2m).",
            DefaultValueFactory = _ => "60s",
        };
        timeout.Validators.Add(result =>
        {
            if (!DurationText.TryParse(result.GetValueOrDefault<string>() ?? "", out var budget) || budget <= TimeSpan.Zero)
            {
                result.AddError($"--timeout: '{result.GetValueOrDefault<string>()}' is not a positive duration (e.g. 30s, 2m)");
            }
        });
        var command = new Command(Name, "Audit the live cluster with the webhook's policy: exit 0 nothing would be denied, 1 something would, 2 some kind unread.")
        {
            kubeconfig, context, ns, all, config, output, mode, failOn, pins, timeout,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(ns) is not null && result.GetValue(all))
            {
                result.AddError("--namespace and --all-namespaces exclude each other");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            RuleAction? parsedMode = RuleActions.TryParse(parse.GetValue(mode), out var action) ? action : null;
            var settings = new AuditSettings(
                parse.GetValue(kubeconfig),
                parse.GetValue(context),
                parse.GetValue(ns),
                parse.GetValue(config),
                Enum.Parse<AuditOutput>(parse.GetRequiredValue(output), ignoreCase: true),
                parsedMode,
                parse.GetValue(failOn) == "drift",
                parse.GetValue(pins),
                DurationText.TryParse(parse.GetRequiredValue(timeout), out var budget) ? budget : TimeSpan.FromSeconds(60));
            var runner = new AuditRunner(
                Console.OpenStandardOutput(),
                Console.Error,
                stderrIsTerminal: !Console.IsErrorRedirected,
                useColor: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
                Environment.GetEnvironmentVariables());
            try
            {
                return await runner.RunAsync(settings, cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"pinned audit: cannot write the report: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
