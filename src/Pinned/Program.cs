using System.CommandLine;
using Pinned.Cli;

// Composition root of the `pinned` executable: each subcommand owns its options and its action.
var root = new RootCommand("Pinned: admits only immutable workloads (digest-pinned images, no hostPath).")
{
    Subcommands = { ServeCommand.Create(), CheckCommand.Create(), PinCommand.Create(), VapCommand.Create(), AuditCommand.Create() },
};
var parsed = root.Parse(args);
if (UsageErrors.Any(parsed))
{
    return UsageErrors.Report(parsed);
}

// No ProcessTerminationTimeout: on SIGTERM the serve host drains in-flight reviews itself (HostOptions.ShutdownTimeout).
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
