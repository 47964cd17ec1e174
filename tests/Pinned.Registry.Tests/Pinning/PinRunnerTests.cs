using System.Text;
using Pinned.Pinning;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests.Pinning;

/// <summary>PinRunner in process, resolving against the real plain-HTTP registry.</summary>
public sealed class PinRunnerTests(RegistryEnvironment env) : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pinned-pin.");
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private DigestResolver _resolver = null!;
    private string _repository = "";
    private string _digest = "";

    private string Image => $"{env.Plain}/{_repository}:1.0";

    public async ValueTask InitializeAsync()
    {
        _repository = Registries.NewRepository();
        _digest = await Registries.Plain(env, _http).PushImageAsync(_repository, "1.0");
        _resolver = new DigestResolver(new RegistryClientOptions { Timeout = TestBudget.Registry, Insecure = [env.Plain] });
    }

    [Fact]
    public async Task A_file_with_an_unresolvable_image_is_left_byte_for_byte_while_others_are_pinned()
    {
        var good = Write("good.yaml", Pod(Image));
        var bad = Write("bad.yaml", Pod(Image) + "---\n" + Pod($"{env.Plain}/{_repository}:9.9"));
        var badBefore = await File.ReadAllBytesAsync(bad, TestContext.Current.CancellationToken);

        var exit = await Run(good, bad);

        Assert.Equal(1, exit);
        Assert.Equal(Pod($"{Image}@{_digest}"), await File.ReadAllTextAsync(good, TestContext.Current.CancellationToken));
        Assert.Equal(badBefore, await File.ReadAllBytesAsync(bad, TestContext.Current.CancellationToken));
        Assert.Contains($"{bad}:11:14: [doc 1] spec.containers[0].image: cannot resolve {env.Plain}/{_repository}:9.9 at {env.Plain}: not found", _stderr.ToString());
        Assert.Contains($"{bad}: left unchanged: 1 image(s) could not be pinned", _stderr.ToString());
    }

    [Fact]
    public async Task Unreadable_inputs_exit_2_and_the_readable_ones_are_still_pinned()
    {
        var good = Write("good.yaml", Pod(Image));
        var broken = Write("broken.yaml", "kind: Pod\nspec: {containers: [\n");

        var exit = await Run(good, broken, Path.Combine(_work.FullName, "absent.yaml"));

        Assert.Equal(2, exit);
        Assert.Contains("@sha256:", await File.ReadAllTextAsync(good, TestContext.Current.CancellationToken));
        Assert.Contains($"{broken}:3:1: not valid YAML or JSON", _stderr.ToString());
        Assert.Contains("absent.yaml: no such file or folder", _stderr.ToString());
    }

    [Fact]
    public async Task An_invalid_reference_is_reported_and_its_file_left_alone()
    {
        var file = Write("invalid.yaml", Pod("Nginx:1.27"));

        var exit = await Run(file);

        Assert.Equal(1, exit);
        Assert.Equal(Pod("Nginx:1.27"), await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Contains("spec.containers[0].image: invalid image reference \"Nginx:1.27\"", _stderr.ToString());
    }

    [Fact]
    public async Task Dry_run_writes_the_pinned_text_to_stdout_and_changes_no_file()
    {
        var file = Write("pod.yaml", Pod(Image));

        var exit = await new PinRunner(_resolver, _stdout, _stderr).RunAsync([file], dryRun: true, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(Pod($"{Image}@{_digest}"), _stdout.ToString());
        Assert.Equal(Pod(Image), await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Stdin_is_pinned_to_stdout()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(Pod(Image)));

        var exit = await new PinRunner(_resolver, _stdout, _stderr, stdin).RunAsync(["-"], dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(Pod($"{Image}@{_digest}"), _stdout.ToString());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_rewrite_keeps_the_byte_order_mark_and_permissions_and_replaces_a_links_target()
    {
        var target = Path.Combine(_work.FullName, "target.yaml");
        byte[] original = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Pod(Image))];
        await File.WriteAllBytesAsync(target, original, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = Path.Combine(_work.FullName, "link.yaml");
        File.CreateSymbolicLink(link, target);

        var exit = await Run(link);

        Assert.Equal(0, exit);
        byte[] expected = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Pod($"{Image}@{_digest}"))];
        Assert.Equal(expected, await File.ReadAllBytesAsync(target, TestContext.Current.CancellationToken));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(["link.yaml", "target.yaml"], _work.GetFiles().Select(f => f.Name).Order());
    }

    private static string Pod(string image) => $"kind: Pod\nspec:\n  containers:\n    - name: app\n      image: {image}\n";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> Run(params string[] paths) =>
        new PinRunner(_resolver, _stdout, _stderr).RunAsync(paths, dryRun: false, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _resolver.Dispose();
        _http.Dispose();
        _work.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
