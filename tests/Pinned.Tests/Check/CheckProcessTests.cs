using System.Diagnostics;

namespace Pinned.Tests.Check;

/// <summary>The built `pinned` executable, started as a process from the repository root, as CI would run it.</summary>
public sealed class CheckProcessTests
{
    [Fact]
    public async Task The_README_first_command_exits_1_on_the_bundled_examples()
    {
        var run = await RunAsync(["check", "deploy/examples"]);

        Assert.True(run.ExitCode == 1, run.Error);
        Assert.Contains("deploy/examples/bad/daemonset-hostpath.yaml:21: deny [host-path] DaemonSet monitoring/log-agent", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\e', run.Output);
    }

    [Fact]
    public async Task The_README_first_command_itself_runs_in_the_folder_it_is_typed_in()
    {
        // dotnet run of a Web SDK project would run in the project's folder; Pinned.csproj sets RunWorkingDirectory.
        var run = await RunAsync("dotnet", ["run", "--no-build", "-c", "Release", "--project", "src/Pinned", "--", "check", "deploy/examples"]);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Contains("deploy/examples/bad/cronjob-latest.yaml:15: deny [mutable-tag]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_piped_in_is_checked()
    {
        var run = await RunAsync(["check", "--output", "json", "-"], Manifests.PinnedPod("piped"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"source\": \"<stdin>:0\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_and_unreadable_input_exit_2()
    {
        var usage = await RunAsync(["check", "--output", "xml", "deploy/examples"]);
        var missing = await RunAsync(["check", "deploy/no-such-folder"]);

        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("xml", usage.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("deploy/no-such-folder: error: no such file or folder", missing.Error, StringComparison.Ordinal);
    }

    private static Task<CheckRun> RunAsync(string[] args, string? stdin = null) =>
        RunAsync(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "pinned.exe" : "pinned"), args, stdin);

    private static async Task<CheckRun> RunAsync(string exe, string[] args, string? stdin = null)
    {
        var start = new ProcessStartInfo(exe, args)
        {
            WorkingDirectory = Manifests.RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CheckRun(process.ExitCode, await output, await error);
    }
}
