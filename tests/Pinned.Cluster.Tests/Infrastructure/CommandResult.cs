namespace Pinned.Cluster.Tests.Infrastructure;

/// <summary>What a finished child process left: its exit code and both streams.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
