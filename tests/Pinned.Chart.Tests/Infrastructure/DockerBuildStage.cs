using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>
/// Runs the Dockerfile's build stage without Docker: its COPY lines copy from the repository
/// (honouring .dockerignore's bin/obj exclusions) into a scratch folder that stands for the
/// image, and its RUN lines run there with the SDK of this machine, TARGETARCH set as BuildKit
/// would and /app mapped into the scratch folder. Only the instructions this Dockerfile uses
/// are understood; anything else fails loudly.
/// </summary>
internal static partial class DockerBuildStage
{
    /// <summary>Runs the stage named "build" and returns the folder that stands for its /app.</summary>
    public static async Task<string> RunAsync(string scratch)
    {
        var image = Directory.CreateDirectory(Path.Combine(scratch, "image")).FullName;
        var app = Path.Combine(image, "app");
        var workdir = image;
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        foreach (var instruction in BuildStage())
        {
            var (verb, rest) = (instruction.Split(' ', 2)[0], instruction.Split(' ', 2)[1]);
            switch (verb)
            {
                case "ARG":
                    break;
                case "WORKDIR":
                    workdir = Directory.CreateDirectory(Path.Combine(image, rest.TrimStart('/'))).FullName;
                    break;
                case "COPY":
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    foreach (var source in parts[..^1])
                    {
                        Copy(Path.Combine(RepoLayout.Root, source), Path.Combine(workdir, parts[^1]), source);
                    }

                    break;
                case "RUN":
                    var command = rest.Replace("$TARGETARCH", arch, StringComparison.Ordinal).Replace(" /app", " " + app, StringComparison.Ordinal)
                        + " -nodeReuse:false -p:UseSharedCompilation=false";
                    // A cold publish on two busy cores (CI runs every suite at once) took 3.5 minutes,
                    // and more than 10 at load average 40-50; the deadline only bounds a hang.
                    var result = await ProcessRunner.RunAsync("bash", ["-c", $"cd '{workdir}' && {command}"], deadline: TimeSpan.FromMinutes(25));
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException(result.Describe($"RUN {command}"));
                    }

                    break;
                default:
                    throw new NotSupportedException($"Dockerfile instruction not understood here: {instruction}");
            }
        }

        return app;
    }

    /// <summary>The instructions of the build stage, continuation lines joined, comments dropped.</summary>
    private static IEnumerable<string> BuildStage()
    {
        var text = File.ReadAllText(Path.Combine(RepoLayout.Root, "Dockerfile"));
        var lines = Continuation().Replace(text, " ").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        return lines.SkipWhile(l => !(l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith(" AS build", StringComparison.Ordinal)))
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal));
    }

    private static void Copy(string from, string to, string source)
    {
        if (File.Exists(from))
        {
            var target = to.EndsWith('/') ? Path.Combine(to, Path.GetFileName(from)) : to;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(from, target, overwrite: true);
            return;
        }

        if (!Directory.Exists(from))
        {
            throw new FileNotFoundException($"COPY source {source} does not exist");
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue; // .dockerignore: **/bin/, **/obj/
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [GeneratedRegex(@"\\\r?\n\s*")]
    private static partial Regex Continuation();
}
