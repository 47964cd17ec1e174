using System.CommandLine;
using System.CommandLine.Invocation;
using Pinned.Check;
using Pinned.Policy;

namespace Pinned.Cli;

/// <summary>`pinned check PATH… | -`: the webhook's policy, offline, over manifest files (SPEC.md §5).</summary>
internal static class CheckCommand
{
    public const string Name = "check";

    public static Command Create() => Create(CheckConsole.System);

    /// <summary>The command bound to a console; tests pass their own streams.</summary>
    public static Command Create(Func<CheckConsole> console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files or folders (searched recursively for *.yaml, *.yml, *.json), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var config = new Option<string?>("--config", "-c") { Description = "Policy file (YAML or JSON), the same as for `pinned serve`." };
        var output = new Option<string>("--output", "-o") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "sarif");
        var mode = new Option<string?>("--mode") { Description = "Overrides the policy's mode: enforce, or audit/warn to report without failing." };
        mode.AcceptOnlyFromAmong("enforce", "audit", "warn");
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of objects that name none (default: \"default\")." };

        var command = new Command(Name, "Check manifests offline with the webhook's policy; exit 0 nothing denied, 1 denied, 2 unreadable input.")
        {
            paths, config, output, mode, ns,
        };
        command.SetAction(parse =>
        {
            RuleAction? parsedMode = RuleActions.TryParse(parse.GetValue(mode), out var action) ? action : null;
            var settings = new CheckSettings(
                parse.GetRequiredValue(paths),
                parse.GetValue(config),
                Enum.Parse<CheckOutput>(parse.GetRequiredValue(output), ignoreCase: true),
                parsedMode,
                parse.GetValue(ns));
            var io = console();
            try
            {
                return CheckRunner.Run(settings, io);
            }
            catch (IOException e)
            {
                io.Error.WriteLine($"pinned check: cannot write the report: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
