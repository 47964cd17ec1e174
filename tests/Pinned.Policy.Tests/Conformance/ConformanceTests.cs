namespace Pinned.Policy.Tests.Conformance;

/// <summary>
/// Runs every case of ../shared/conformance/cases.json: one rule at a time, with the peer's
/// parameters where Pinned can express them, and compares Pinned's verdict with the peer's.
/// A case listed in known-differences.json must give Pinned's own verdict recorded there.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<int> Cases() => Requirements.SharedRows<int>("the conformance corpus (../shared/conformance)", _ =>
    {
        var rows = new TheoryData<int>();
        foreach (var c in ConformanceCase.All)
        {
            rows.Add(new TheoryDataRow<int>(c.Index).WithTestDisplayName($"#{c.Index} {c.DisplayName}"));
        }

        return rows;
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pinned_agrees_with_the_peer_or_differs_as_documented(int index)
    {
        var c = ConformanceCase.All[index];
        var verdict = Judge(c);

        var differences = KnownDifference.All.Where(d => d.Covers(c)).ToList();
        Assert.True(differences.Count <= 1, $"{differences.Count} known differences match {c.DisplayName}");
        if (differences is [var difference])
        {
            Assert.Equal(c.Expected, difference.Peer);
            Assert.NotEqual(difference.Peer, difference.Pinned);
            Assert.Equal(difference.Pinned, verdict);
        }
        else
        {
            Assert.Equal(c.Expected, verdict);
        }
    }

    [Fact]
    public void Every_known_difference_names_a_real_case()
    {
        foreach (var difference in KnownDifference.All)
        {
            Assert.Contains(ConformanceCase.All, difference.Covers);
            Assert.False(string.IsNullOrWhiteSpace(difference.Reason));
        }
    }

    [Fact]
    public void Pinned_differs_only_where_the_corpus_says_the_peer_rests_on_configuration_or_a_quirk() =>
        Assert.All(ConformanceCase.All.Where(c => KnownDifference.All.Any(d => d.Covers(c))),
            c => Assert.Equal((c.Basis, false), (c.Basis, c.Comparable ?? true)));

    [Fact]
    public void The_corpus_is_complete() =>
        Assert.Equal(336, ConformanceCase.All.Count);

    internal static string Judge(ConformanceCase c)
    {
        var input = CaseInput.Load(c.File);
        if (input.Object.PodSpec is not { } spec)
        {
            return "allow";
        }

        var evaluator = new PolicyEvaluator(PeerPolicy.For(c));
        var result = evaluator.Evaluate(spec);
        if (input.Operation == "UPDATE" && input.OldObject?.PodSpec is { } old)
        {
            result = result.ExceptPresentIn(evaluator.Evaluate(old));
        }

        return result.Denied ? "deny" : "allow";
    }
}
