using BenchmarkDotNet.Attributes;
using Pinned.Check;
using Pinned.Cli;
using YamlDotNet.Core;

namespace Pinned.Benchmarks.Check;

/// <summary>
/// `pinned check` over 10 000 objects (~50 MB of multi-document YAML), against the floor of
/// parsing the same stream with YamlDotNet alone (every event pulled, nothing built).
/// Run: dotnet run -c Release --project bench/Pinned.Benchmarks -- --filter '*CheckStream*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CheckStreamBenchmarks
{
    private string _path = string.Empty;

    [Params(10_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"pinned-check-bench-{Objects}.yaml");
        var bytes = ManifestStream.Write(_path, Objects);
        Console.WriteLine($"// stream: {Objects} objects, {bytes / 1_000_000.0:F1} MB");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "YamlDotNet parser alone")]
    public int ParseOnly()
    {
        using var reader = new StreamReader(_path);
        var parser = new Parser(reader);
        int events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    [Benchmark(Description = "pinned check --output json")]
    public int Check() => Run("json");

    [Benchmark(Description = "pinned check (text)")]
    public int CheckText() => Run("text");

    private int Run(string output)
    {
        var console = new CheckConsole(() => Stream.Null, Stream.Null, TextWriter.Null, useColor: false, Environment.CurrentDirectory);
        return CheckCommand.Create(() => console).Parse(["--output", output, _path]).Invoke();
    }
}
