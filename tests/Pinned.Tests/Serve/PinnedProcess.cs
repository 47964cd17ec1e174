using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pinned.Tests.Serve;

/// <summary>The real `pinned` executable (the build's pinned.dll) as a child process, with its output collected.</summary>
internal sealed partial class PinnedProcess : IAsyncDisposable
{
    /// <summary>
    /// How long `pinned serve` may take to log "listening": ~0.3 s on a quiet machine, but over 15 s
    /// (the former fixed wait) for a JIT start under load average 40 with other suites running.
    /// The budget only bounds a hang; it asserts nothing about start-up speed (bench/ does that).
    /// </summary>
    private static readonly TimeSpan StartBudget = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a SIGTERMed `pinned serve` may take to exit: its own bounds add up to ~28 s
    /// (--shutdown-delay, a 20 s drain, a 5 s log flush), plus the runtime's exit on a busy machine.
    /// </summary>
    public static readonly TimeSpan ExitBudget = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private PinnedProcess(Process process, bool readStdout)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue(e.Data); } };
        if (readStdout)
        {
            process.BeginOutputReadLine();
        }

        process.BeginErrorReadLine();
    }

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    /// <summary>How many inotify watches the process holds (Linux: the "inotify wd:" lines of its inotify descriptors' fdinfo).</summary>
    public int InotifyWatchCount()
    {
        var watches = 0;
        foreach (var descriptor in Directory.EnumerateFiles($"/proc/{_process.Id}/fd"))
        {
            if (new FileInfo(descriptor).LinkTarget == "anon_inode:inotify")
            {
                watches += File.ReadLines($"/proc/{_process.Id}/fdinfo/{Path.GetFileName(descriptor)}")
                    .Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
        }

        return watches;
    }

    /// <param name="readStdout">False to read stdout only through <see cref="ReadStdoutUntilListeningAsync"/> and what follows it.</param>
    /// <param name="workingDirectory">The child's working directory; the temp folder when null.</param>
    public static PinnedProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, bool readStdout = true,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pinned.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only the test's own PINNED_* settings reach the child.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("PINNED_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new PinnedProcess(Process.Start(info)!, readStdout);
    }

    /// <summary>Waits for the "listening on https://127.0.0.1:PORT" log line and returns the address.</summary>
    public async Task<Uri> WaitForListeningAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartBudget)
        {
            if (_stdout.Select(l => ListeningLine().Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            Assert.False(_process.HasExited, $"pinned serve exited {(_process.HasExited ? _process.ExitCode : 0)}: {Stderr}\n{Stdout}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"pinned serve did not start listening within {StartBudget}: {Stderr}\n{Stdout}");
    }

    /// <summary>Reads stdout up to the "listening on" line, then closes the pipe's reading end: the child's later writes fail as on a dead log collector.</summary>
    public async Task<Uri> CloseStdoutOnceListeningAsync()
    {
        try
        {
            return await ReadStdoutUntilListeningAsync();
        }
        finally
        {
            _process.StandardOutput.Close();
        }
    }

    /// <summary>Reads stdout up to the "listening on" line and no further: the pipe fills and the child's writes block until <see cref="ReadRestOfStdoutAsync"/>.</summary>
    public async Task<Uri> ReadStdoutUntilListeningAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartBudget);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            _stdout.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"pinned serve closed stdout before listening: {Stderr}\n{Stdout}");
    }

    /// <summary>Reads stdout to its end (the child's exit), after <see cref="ReadStdoutUntilListeningAsync"/>.</summary>
    public async Task ReadRestOfStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            _stdout.Enqueue(line);
        }
    }

    public void Terminate()
    {
        // The shell's kill builtin: no dependency on a kill binary being installed.
        using var kill = Process.Start("sh", ["-c", "kill -TERM " + _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    [GeneratedRegex("listening on (https://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
