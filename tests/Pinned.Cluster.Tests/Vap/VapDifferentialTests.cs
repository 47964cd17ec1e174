using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pinned.Cluster.Tests.Audit;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>Its own API server: the action tests' policies judge every namespace of theirs.</summary>
[CollectionDefinition(Name)]
public sealed class VapDifferentialCluster : ICollectionFixture<VapApiServer>
{
    public const string Name = "vap-differential";
}

/// <summary>
/// The API server with `pinned vap`'s policies installed (no webhook) against `pinned check` on the
/// same objects (<see cref="DifferentialCorpus"/>): the verdict and every violation (rule and JSON
/// path) must agree, object by object. Each rule set is a group with its own namespace, and its
/// policy exempts the other groups' namespaces, so that all groups are judged at once.
/// </summary>
[Collection(VapDifferentialCluster.Name)]
public sealed class VapDifferentialTests(VapApiServer cluster)
{
    /// <summary>Policies reach admission through an informer: seconds when idle.</summary>
    private static readonly TimeSpan PropagationBudget = TimeSpan.FromSeconds(90);

    private const int Parallelism = 8;

    [Fact]
    public async Task The_api_server_enforcing_the_generated_policies_judges_every_object_as_pinned_check()
    {
        cluster.Require();
        var groups = DifferentialCorpus.Build(RepositoryRoot());
        Assert.True(DifferentialCorpus.ReferenceCount(groups) >= 10_000, $"{DifferentialCorpus.ReferenceCount(groups)} generated references");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var namespaces = groups.Select((_, i) => $"vapdiff-{i}-{suffix}").ToList();
        var work = Directory.CreateTempSubdirectory("pinned-vap-differential-");
        try
        {
            await cluster.ApplyAsync(string.Join("\n---\n", namespaces.Select(ns => $$"""
                apiVersion: v1
                kind: Namespace
                metadata: { name: {{ns}} }
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: { name: default, namespace: {{ns}} }
                """)));

            var policies = new string[groups.Count];
            var verdicts = new IReadOnlyList<(string Verdict, IReadOnlyList<string> Violations)>[groups.Count];
            for (var i = 0; i < groups.Count; i++)
            {
                foreach (var o in groups[i].Objects)
                {
                    o.Body["metadata"]!["namespace"] = namespaces[i];
                }
            }

            // Two `pinned` processes per group; a few at once, since each spends most of its time starting.
            await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
                async (i, ct) =>
                {
                    var policy = Path.Combine(work.FullName, $"policy-{i}.json");
                    await File.WriteAllTextAsync(policy, new JsonObject
                    {
                        ["exemptNamespaces"] = new JsonArray([.. namespaces.Where((_, j) => j != i).Select(n => (JsonNode)n)]),
                        ["rules"] = groups[i].Rules.DeepClone(),
                    }.ToJsonString(), ct);
                    var vap = await PinnedCli.RunAsync(["vap", "--config", policy, "--api-version", "v1beta1", "--name", $"diff-{i}"]);
                    Assert.True(vap.ExitCode == 0, $"pinned vap for group {i} ({groups[i].Key}): {vap}");
                    policies[i] = vap.Stdout;
                    verdicts[i] = await CheckAsync(work.FullName, i, policy, groups[i]);
                });

            // Group 0 (the generated references) last: once its policy judges, the informers have every earlier one too.
            await cluster.ApplyAsync(string.Join("\n---\n", policies.Reverse()));
            using var dryRun = new ApiServerDryRun(cluster);
            await UntilDeniedAsync(dryRun, namespaces[0]);

            var answers = new ConcurrentDictionary<(int Group, int Object), DryRunAnswer>();
            var items = groups.SelectMany((g, i) => g.Objects.Select((o, j) => (i, j, o))).ToList();
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = TestContext.Current.CancellationToken },
                async (item, ct) => answers[(item.i, item.j)] = await dryRun.CreateAsync(namespaces[item.i], item.o.Kind, item.o.Body, ct));

            var differences = new List<string>();
            var refusedAsInvalid = new List<string>();
            var compared = 0;
            var denied = 0;
            var violationsCompared = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (i, j, o) in items)
            {
                var answer = answers[(i, j)];
                var (verdict, violations) = verdicts[i][j];
                if (answer.Status == HttpStatusCode.UnprocessableEntity)
                {
                    refusedAsInvalid.Add($"{o.Origin}: {answer.Message}");
                    continue;
                }

                if (!answer.Admitted && !answer.DeniedByPolicy)
                {
                    differences.Add($"{o.Origin}: the API server answered {(int)answer.Status} {answer.Message}");
                    continue;
                }

                compared++;
                denied += verdict == "deny" ? 1 : 0;
                foreach (var v in violations)
                {
                    violationsCompared[v[..v.IndexOf(' ', StringComparison.Ordinal)]] = violationsCompared.GetValueOrDefault(v[..v.IndexOf(' ', StringComparison.Ordinal)]) + 1;
                }
                var apiVerdict = answer.Admitted ? "allow" : "deny";
                var apiViolations = answer.Admitted ? [] : answer.Violations;
                if (apiVerdict != verdict || !apiViolations.SequenceEqual(violations))
                {
                    differences.Add($"{o.Origin} (group {i}): API server {apiVerdict} [{string.Join(", ", apiViolations)}], pinned check {verdict} [{string.Join(", ", violations)}]"
                        + $"\n  API server: {answer.Message}\n  object: {o.Body.ToJsonString()}");
                }
            }

            var output = TestContext.Current.TestOutputHelper;
            output?.WriteLine($"{compared} objects compared in {groups.Count} groups ({denied} denied); {DifferentialCorpus.ReferenceCount(groups)} generated references;"
                + $" violations compared: {string.Join(", ", violationsCompared.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value}"))}");
            output?.WriteLine($"{refusedAsInvalid.Count} refused by the API server's own validation (before admission), so not compared:");
            refusedAsInvalid.ForEach(r => output?.WriteLine("  " + r));
            Assert.True(differences.Count == 0, $"{differences.Count} differences:\n{string.Join("\n", differences.Take(20))}");
            Assert.DoesNotContain(refusedAsInvalid, r => r.StartsWith("generated", StringComparison.Ordinal));
            // Not vacuous: most objects compared, both verdicts, every rule's violations.
            Assert.True(compared >= items.Count * 95 / 100, $"only {compared} of {items.Count} objects compared");
            Assert.True(denied >= 100 && compared - denied >= 100, $"{denied} denied, {compared - denied} admitted");
            Assert.All(RuleIds.All, rule => Assert.True(violationsCompared.GetValueOrDefault(rule) >= 100, $"{rule}: {violationsCompared.GetValueOrDefault(rule)} violations compared"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>`pinned check --output json` on the group's objects (one JSON stream): per object, the verdict and its "rule path" violations, sorted.</summary>
    private static async Task<IReadOnlyList<(string Verdict, IReadOnlyList<string> Violations)>> CheckAsync(string work, int index, string policy, DifferentialGroup group)
    {
        var input = Path.Combine(work, $"objects-{index}.json");
        var stream = new StringBuilder();
        group.Objects.ForEach(o => stream.Append(o.Body.ToJsonString()).Append('\n'));
        await File.WriteAllTextAsync(input, stream.ToString(), TestContext.Current.CancellationToken);
        var check = await PinnedCli.RunAsync(["check", "--config", policy, "--output", "json", input]);
        Assert.True(check.ExitCode is 0 or 1, $"pinned check of group {index}: {check}");
        var results = JsonNode.Parse(check.Stdout)!["results"]!.AsArray();
        Assert.Equal(group.Objects.Count, results.Count);
        return [.. results.Select(r => ((string)r!["verdict"]!, (IReadOnlyList<string>)[.. r["violations"]!.AsArray()
            .Select(v => $"{(string)v!["rule"]!} {(string)v["path"]!}").Order(StringComparer.Ordinal)]))];
    }

    private static async Task UntilDeniedAsync(ApiServerDryRun dryRun, string ns)
    {
        var probe = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "probe", ["namespace"] = ns },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx:1.27" }) },
        };
        var deadline = DateTime.UtcNow + PropagationBudget;
        while (!(await dryRun.CreateAsync(ns, "Pod", probe, TestContext.Current.CancellationToken)).DeniedByPolicy)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the policies did not judge {ns} within {PropagationBudget}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Webhook.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Webhook.sln not found above " + AppContext.BaseDirectory);
    }
}
