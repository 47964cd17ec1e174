using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Chart.Tests;

/// <summary>
/// The Dockerfile cannot be built here (no Docker engine, no access to the base images'
/// registry). What can be checked is: pinned bases, the restore layer holds every project the
/// executable needs, a non-root user, the entrypoint, and the build stage's own commands,
/// run on only the files it copies, publish a `pinned` that runs.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly Lazy<string[]> Lines = new(() =>
        File.ReadAllLines(Path.Combine(RepoLayout.Root, "Dockerfile")));

    [Fact]
    public void Every_base_image_is_pinned_by_digest()
    {
        var bases = Lines.Value.Select(l => FromLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["image"].Value).ToArray();

        Assert.Equal(2, bases.Length);
        foreach (var image in bases)
        {
            Assert.True(ImageReference.TryParse(image, out var reference, out var error), $"{image}: {error}");
            Assert.True(reference.IsPinned, $"{image} is not pinned by digest");
            Assert.Matches("^sha256:[a-f0-9]{64}$", reference.Digest);
        }

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0@", bases[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@", bases[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_layer_copies_every_project_the_executable_references_and_nothing_else()
    {
        var restoreIndex = Array.FindIndex(Lines.Value, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        Assert.True(restoreIndex > 0, "no RUN dotnet restore");
        var copied = Lines.Value[..restoreIndex]
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(copied, f => Assert.True(f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal)
            || f is "global.json" or ".editorconfig", $"{f} would bust the restore cache"));
        foreach (var project in ProjectClosure("src/Pinned/Pinned.csproj"))
        {
            Assert.Contains(project, copied);
        }

        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("Directory.Build.props", copied);
    }

    [Fact]
    public void Runtime_stage_runs_pinned_serve_as_a_non_root_user()
    {
        var runtime = Lines.Value.SkipWhile(l => !l.Contains("AS runtime", StringComparison.Ordinal)).ToArray();

        var user = runtime.Single(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"USER {user} must be a numeric non-root id");
        Assert.Equal("ENTRYPOINT [\"/app/pinned\", \"serve\"]", runtime.Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        Assert.DoesNotContain(runtime, l => l.StartsWith("RUN ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Published_executable_is_named_pinned_and_runs_as_the_chart_uid()
    {
        var project = XDocument.Load(Path.Combine(RepoLayout.Root, "src", "Pinned", "Pinned.csproj"));
        var chartUid = (int)(await ChartRenderer.RenderAsync()).Single("Deployment")["spec.template.spec.securityContext.runAsUser"]!;

        Assert.Equal("pinned", project.Descendants("AssemblyName").Single().Value);
        Assert.Equal($"USER {chartUid}", Lines.Value.Single(l => l.StartsWith("USER ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Build_stage_run_without_Docker_publishes_the_entrypoint_executable()
    {
        var scratch = Directory.CreateTempSubdirectory("pinned-docker-");
        try
        {
            var app = await DockerBuildStage.RunAsync(scratch.FullName);

            var entrypoint = Path.Combine(app, "pinned");
            Assert.True(File.Exists(entrypoint), $"no {entrypoint}");
            var help = await ProcessRunner.RunAsync(entrypoint, ["serve", "--help"]);
            Assert.True(help.ExitCode == 0, help.Describe("pinned serve --help"));
            Assert.Contains("--cert", help.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain(Directory.GetFiles(app), f => f.EndsWith(".pdb", StringComparison.Ordinal));
            // runtime-deps has no .NET: the publish must carry its own runtime, trimmed.
            Assert.True(File.Exists(Path.Combine(app, "libcoreclr.so")), "the publish is not self-contained");
            Assert.False(File.Exists(Path.Combine(app, "System.Xml.dll")), "the publish is not trimmed (System.Xml.dll is there)");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public void Build_context_leaves_out_build_outputs_and_everything_but_sources()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoLayout.Root, ".dockerignore"));

        foreach (var pattern in new[] { "**/bin/", "**/obj/", ".git/", "tests/" })
        {
            Assert.Contains(pattern, ignored);
        }

        Assert.DoesNotContain(ignored, l => l.Trim() is "src" or "src/" or "*.csproj" or "*.props");
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var dir = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(Path.Combine(RepoLayout.Root, current)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(RepoLayout.Root, dir, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepoLayout.Root, path).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [Fact]
    public void Runtime_environment_of_the_image_is_the_one_the_load_test_measures()
    {
        var runtime = Lines.Value.SkipWhile(l => !l.Contains("AS runtime", StringComparison.Ordinal));
        var imageGen0 = runtime.Select(l => ImageGen0().Match(l)).Single(m => m.Success).Groups["value"].Value;
        var loadScript = File.ReadAllText(Path.Combine(RepoLayout.Root, "bench", "load", "run.sh"));

        Assert.InRange(Convert.ToInt32(imageGen0, 16), 1 << 20, 16 << 20);
        Assert.Contains($"export DOTNET_GCgen0size=\"${{DOTNET_GCgen0size:-{imageGen0}}}\"", loadScript, StringComparison.Ordinal);

        // Every runtime variable the image sets, the saturation suite sets to the same default
        // (bench/apiserver/run.sh reads them from the Dockerfile itself).
        var imageEnv = runtime.Select(l => ImageEnv().Match(l)).Where(m => m.Success).ToArray();
        Assert.NotEmpty(imageEnv);
        foreach (var env in imageEnv)
        {
            var (name, value) = (env.Groups["name"].Value, env.Groups["value"].Value);
            Assert.Contains($"export {name}=\"${{{name}:-{value}}}\"", loadScript, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^ENV (?<name>DOTNET_\w+)=(?<value>\S+)$")]
    private static partial Regex ImageEnv();

    [GeneratedRegex(@"^ENV DOTNET_GCgen0size=(?<value>0x[0-9a-fA-F]+)$")]
    private static partial Regex ImageGen0();

    [GeneratedRegex(@"^FROM\s+(--platform=\S+\s+)?(?<image>\S+)")]
    private static partial Regex FromLine();
}
