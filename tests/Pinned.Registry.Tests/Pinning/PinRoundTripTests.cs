using Pinned.Pinning;
using Pinned.Policy;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests.Pinning;

/// <summary>The fixtures, moved onto the local registry, pinned by the real executable.</summary>
public sealed class PinRoundTripTests(RegistryEnvironment env) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pinned-roundtrip.");

    [Fact]
    public async Task Pinning_appends_the_pushed_digests_changes_no_other_byte_and_is_idempotent()
    {
        var retagger = new Retagger(env.Plain, $"rt{Guid.NewGuid():N}"[..10]);
        var inputs = new Dictionary<string, string>();
        foreach (var fixture in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pin")))
        {
            var path = Path.Combine(_work.FullName, Path.GetFileName(fixture));
            inputs[path] = retagger.Retag(await File.ReadAllTextAsync(fixture, TestContext.Current.CancellationToken));
            await File.WriteAllTextAsync(path, inputs[path], TestContext.Current.CancellationToken);
        }
        await retagger.PushAllAsync(inputs.Values, Registries.Plain(env, _http));
        var policy = Path.Combine(_work.FullName, "policy.yml");
        await File.WriteAllTextAsync(policy, $"registry:\n  insecure: [\"{env.Plain}\"]\n  timeout: {TestBudget.RegistryYaml}\n", TestContext.Current.CancellationToken);

        var (exit, stdout, stderr) = await PinnedCli.RunAsync("pin", "--config", policy, _work.FullName);

        Assert.True(exit == 0, stderr);
        Assert.Contains("pinned pin: 8 image(s) pinned in 3 file(s)", stderr);
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var (path, input) in inputs)
        {
            var output = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            var images = ManifestImageLocator.Locate(output);
            Assert.All(images, image =>
            {
                var reference = ImageReference.Parse(image.Value);
                Assert.Equal(retagger.Pushed[$"{reference.Path}:{reference.Tag ?? "latest"}"], reference.Digest);
            });
            var unpinned = retagger.Pushed.Values.Aggregate(output, (text, digest) => text.Replace("@" + digest, "", StringComparison.Ordinal));
            Assert.Equal(input, unpinned);
        }

        var again = await PinnedCli.RunAsync("pin", "--config", policy, _work.FullName);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("pinned pin: 0 image(s) pinned in 0 file(s)", again.Stderr);
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }
}
