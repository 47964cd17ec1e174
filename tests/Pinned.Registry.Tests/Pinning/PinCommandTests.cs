using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests.Pinning;

/// <summary>`pinned pin` command-line errors: all exit 2 with a reason, like check's.</summary>
public sealed class PinCommandTests
{
    [Fact]
    public async Task No_path_is_a_usage_error_exiting_2()
    {
        var (exit, _, stderr) = await PinnedCli.RunAsync("pin");

        Assert.Equal(2, exit);
        Assert.Contains("Required argument missing", stderr);
    }

    [Fact]
    public async Task An_unusable_ca_file_exits_2_naming_the_setting_and_file()
    {
        using var policy = TempFile.Create("registry: {caFile: /nonexistent/ca.pem}\n", ".yaml");
        using var manifest = TempFile.Create("kind: Pod\nspec: {containers: [{image: nginx}]}\n", ".yaml");

        var (exit, _, stderr) = await PinnedCli.RunAsync("pin", "--config", policy.Path, manifest.Path);

        Assert.Equal(2, exit);
        Assert.Contains("pinned pin: registry.caFile: cannot read CA certificates from /nonexistent/ca.pem", stderr);
        Assert.Equal("kind: Pod\nspec: {containers: [{image: nginx}]}\n", await File.ReadAllTextAsync(manifest.Path, TestContext.Current.CancellationToken));
    }
}
