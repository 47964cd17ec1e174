using System.Text.Json;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests.Pinning;

/// <summary>
/// The bundled examples (deploy/examples), their images moved onto the local registry, pinned
/// and then checked by the real executable: afterwards only what pinning cannot fix is denied
/// (hostPath volumes, and the file whose references are invalid, which pin leaves untouched).
/// </summary>
public sealed class ExamplesRoundTripTests(RegistryEnvironment env) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pinned-examples.");

    [Fact]
    public async Task After_pinning_the_examples_check_denies_only_what_pinning_cannot_fix()
    {
        var examples = Path.Combine(RepositoryRoot(), "deploy", "examples");
        var retagger = new Retagger(env.Plain, $"ex{Guid.NewGuid():N}"[..10]);
        var copies = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(examples, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("policy.yaml", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(_work.FullName, Path.GetRelativePath(examples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            copies[copy] = retagger.Retag(await File.ReadAllTextAsync(file, Ct));
            await File.WriteAllTextAsync(copy, copies[copy], Ct);
        }
        await retagger.PushAllAsync(copies.Values, Registries.Plain(env, _http));
        var policy = Path.Combine(_work.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policy, await File.ReadAllTextAsync(Path.Combine(examples, "policy.yaml"), Ct) +
                                             $"\nregistry:\n  insecure: [\"{env.Plain}\"]\n  timeout: {TestBudget.RegistryYaml}\n", Ct);
        var invalid = copies.Keys.Single(f => f.EndsWith("statefulset-invalid-references.yaml", StringComparison.Ordinal));

        var pin = await PinnedCli.RunAsync("pin", "--config", policy, Path.Combine(_work.FullName, "good"), Path.Combine(_work.FullName, "bad"));

        Assert.True(pin.ExitCode == 1, pin.Stderr);
        Assert.Contains($"{invalid}: left unchanged: 2 image(s) could not be pinned", pin.Stderr);
        Assert.Equal(copies[invalid], await File.ReadAllTextAsync(invalid, Ct));
        Assert.True(retagger.Pushed.Count >= 8, $"only {retagger.Pushed.Count} images were moved to the local registry");

        var check = await PinnedCli.RunAsync("check", "--config", policy, "--output", "json", _work.FullName + "/good", _work.FullName + "/bad");

        using var report = JsonDocument.Parse(check.Stdout);
        var denied = report.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("verdict").GetString() == "deny")
            .Select(r => (Source: r.GetProperty("source").GetString()!, Rules: r.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).ToList()))
            .ToList();
        Assert.NotEmpty(denied);
        Assert.All(denied, d => Assert.True(
            d.Source.StartsWith(invalid + ":", StringComparison.Ordinal) || d.Rules.All(rule => rule == "host-path"),
            $"{d.Source} is still denied for {string.Join(", ", d.Rules)}"));
        var withHostPath = copies.Where(c => c.Value.Contains("hostPath:", StringComparison.Ordinal)).Select(c => c.Key);
        Assert.Equal(withHostPath.Append(invalid).Order(), denied.Select(d => d.Source[..d.Source.LastIndexOf(':')]).Distinct().Order());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Webhook.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Webhook.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }
}
