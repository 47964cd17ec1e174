using Pinned.Manifests;
using Pinned.Policy;
using Pinned.Serve;

namespace Pinned.Check;

/// <summary>
/// Runs `pinned check`: loads the policy (the same file and PINNED_* variables as `pinned serve`), reads every input in
/// order, judges each object, reports as it goes, and returns the exit code (0 nothing denied,
/// 1 something denied, 2 some input could not be read or parsed, or the policy is invalid).
/// </summary>
internal static class CheckRunner
{
    public static int Run(CheckSettings settings, CheckConsole console)
    {
        PolicyOptions policy;
        try
        {
            // The order of `pinned serve`: the file, then PINNED_* variables, then --mode.
            var overrides = EnvironmentOverrides.Read(console.EnvironmentVariables).ToList();
            if (settings.Mode is { } mode)
            {
                overrides.Add(new("mode", mode.ToConfigString()));
            }

            policy = PolicyLoader.Load(settings.ConfigFile, overrides);
        }
        catch (PolicyException e)
        {
            console.Error.WriteLine($"pinned check: {e.Message}");
            return 2;
        }

        // The YAML-to-JSON conversion recurses once per level, and kubectl reads 10 000 levels
        // (YamlEventBuffer.MaxDepth): the inputs are read on a thread whose stack holds that.
        int exit = 0;
        var worker = new Thread(() => exit = ReadAll(settings, policy, console), ReaderStackSize) { Name = "pinned check" };
        worker.Start();
        worker.Join();
        return exit;
    }

    /// <summary>Measured: 10 000 levels take about 5 MB of stack; reserved, not committed, beyond what is used.</summary>
    private const int ReaderStackSize = 64 * 1024 * 1024;

    private static int ReadAll(CheckSettings settings, PolicyOptions policy, CheckConsole console)
    {
        using var reporter = CreateReporter(settings.Output, console);
        var judge = new ObjectJudge(new PolicyEvaluator(policy), settings.Namespace ?? CheckSettings.DefaultNamespace);
        var session = new CheckSession(judge, reporter);
        using var reader = new ManifestReader();
        foreach (var input in ManifestInputs.Expand(settings.Paths, session.Error, session.Skip))
        {
            session.Summary.Inputs++;
            Read(input, reader, session, console);
        }

        reporter.Complete(session.Summary);
        return session.Summary.ExitCode;
    }

    private static ICheckReporter CreateReporter(CheckOutput output, CheckConsole console) => output switch
    {
        CheckOutput.Json => new JsonReporter(console),
        CheckOutput.Sarif => new SarifReporter(console),
        _ => new TextReporter(console),
    };

    private static void Read(ManifestInput input, ManifestReader reader, CheckSession session, CheckConsole console)
    {
        Stream stream;
        try
        {
            stream = input.IsStdin
                ? console.OpenInput()
                : new FileStream(input.Path!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            session.Error(new ManifestError(input.DisplayName, null, null, $"cannot read: {e.Message}"));
            return;
        }

        using (stream)
        {
            try
            {
                reader.Read(input.DisplayName, stream, session);
            }
            catch (InputReadException e)
            {
                session.Error(new ManifestError(input.DisplayName, null, e.Line, $"reading stopped: {e.InnerException?.Message}"));
            }
        }
    }
}
