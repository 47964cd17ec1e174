using Pinned.Policy;
using Pinned.Registry;

namespace Pinned.Pinning;

/// <summary>
/// <c>pinned pin</c>: finds every unpinned image in the inputs, resolves each distinct one once
/// (a few at a time), and rewrites each file whose images all resolved; a file with any failure
/// is left untouched and its failures listed. Exit 0: all pinned; 1: some image could not be
/// pinned; 2: some input unreadable (the others are still processed).
/// </summary>
internal sealed class PinRunner(IDigestResolver resolver, TextWriter stdout, TextWriter stderr, Stream? stdin = null)
{
    private const int Parallelism = 8;

    /// <summary>Several files on stdout get a "==> path <==" line each, as head(1) does.</summary>
    private bool _headers;

    public async Task<int> RunAsync(IReadOnlyList<string> paths, bool dryRun, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var plans = new List<PinPlan>();
        foreach (var name in ManifestInputs.Expand(paths, errors))
        {
            if (ManifestSource.Read(name, stdin, out var readError) is { } source &&
                PinPlan.Create(source, out readError) is { } plan)
            {
                plans.Add(plan);
            }
            else
            {
                errors.Add(readError!);
            }
        }
        foreach (var error in errors)
        {
            await stderr.WriteLineAsync($"pinned pin: {error}");
        }

        _headers = dryRun && plans.Count > 1;
        var answers = await ResolveAll(plans, cancellationToken);
        int pinned = 0, failed = 0, filesChanged = 0;
        foreach (var plan in plans)
        {
            var failures = plan.Problems.Concat(plan.Unpinned
                .Where(u => !answers[Key(u.Reference)].Succeeded)
                .Select(u => $"{PinPlan.Where(plan.Source, u.Scalar)}: {answers[Key(u.Reference)].Message}")).ToList();
            if (failures.Count > 0)
            {
                failed += failures.Count;
                foreach (var failure in failures)
                {
                    await stderr.WriteLineAsync(failure);
                }
                await stderr.WriteLineAsync($"{plan.Source.Name}: left unchanged: {failures.Count} image(s) could not be pinned");
                continue;
            }
            var pins = plan.Unpinned.Select(u => (u.Scalar, answers[Key(u.Reference)].Digest!)).ToList();
            if (!await Write(plan, pins, dryRun))
            {
                failed++;
                continue;
            }
            pinned += pins.Count;
            filesChanged += pins.Count > 0 ? 1 : 0;
        }
        await stderr.WriteLineAsync($"pinned pin: {pinned} image(s) pinned in {filesChanged} file(s)" +
                                    (failed > 0 ? $"; {failed} could not be pinned" : "") + (dryRun ? " (dry run: nothing written)" : ""));
        return errors.Count > 0 ? 2 : failed > 0 ? 1 : 0;
    }

    private async Task<Dictionary<string, DigestResolution>> ResolveAll(List<PinPlan> plans, CancellationToken cancellationToken)
    {
        var distinct = plans.SelectMany(p => p.Unpinned).Select(u => u.Reference).DistinctBy(Key).ToList();
        var answers = new Dictionary<string, DigestResolution>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(Parallelism);
        var tasks = distinct.Select(async reference =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return (Key(reference), await resolver.ResolveAsync(reference, cancellationToken));
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var (key, answer) in await Task.WhenAll(tasks))
        {
            answers[key] = answer;
        }
        return answers;
    }

    private async Task<bool> Write(PinPlan plan, List<(ImageScalar, string)> pins, bool dryRun)
    {
        string text;
        try
        {
            text = pins.Count == 0 ? plan.Source.Text : ManifestRewriter.Apply(plan.Source.Text, pins);
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"{plan.Source.Name}: left unchanged: {e.Message}");
            return false;
        }
        if (dryRun || plan.Source.IsStdin)
        {
            if (_headers)
            {
                await stdout.WriteLineAsync($"==> {plan.Source.Name} <==");
            }
            await stdout.WriteAsync(text);
            return true;
        }
        if (pins.Count == 0)
        {
            return true;
        }
        try
        {
            AtomicFile.Replace(plan.Source.Name, plan.Source.Encode(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{plan.Source.Name}: left unchanged: cannot write: {e.Message}");
            return false;
        }
        await stdout.WriteLineAsync($"{plan.Source.Name}: pinned {pins.Count} image(s)");
        return true;
    }

    /// <summary>The same tag written two ways ("nginx", "docker.io/library/nginx:latest") is one lookup.</summary>
    private static string Key(ImageReference reference) => $"{reference.Name}:{reference.Tag ?? "latest"}";
}
