using System.Text.RegularExpressions;
using CsCheck;

namespace Pinned.Policy.Tests.References;

/// <summary>
/// The RE2 expression the ValidatingAdmissionPolicy uses and the span parser come from one grammar
/// definition; these tests prove they agree on every row of the parser's tables and on generated
/// references. The expression leaves the name-length limit to CEL, so a reference the parser
/// refuses only for its length must match it. (.NET's non-backtracking engine reads the ASCII-only
/// expression as RE2 does; the API server itself judges it in Pinned.Cluster.Tests.)
/// </summary>
public sealed class ReferenceRegexTests
{
    private static readonly Regex Grammar = new(ReferenceRegex.Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public static TheoryData<string, string, string, string?, string?> ValidRows => ValidReferenceRows.All;

    public static TheoryData<string, ReferenceErrorKind, string> InvalidRows => InvalidReferenceRows.All;

    [Theory]
    [MemberData(nameof(ValidRows))]
    public void Every_valid_row_matches(string input, string domain, string path, string? tag, string? digest)
    {
        _ = (domain, path, tag, digest);
        AssertAgrees(input);
    }

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Every_invalid_row_is_refused_by_the_expression_or_by_its_length(string input, ReferenceErrorKind kind, string why)
    {
        _ = why;
        Assert.Equal(kind == ReferenceErrorKind.NameTooLong, Grammar.IsMatch(input));
        AssertAgrees(input);
    }

    [Fact]
    public void Generated_valid_references_agree() =>
        ReferenceGenerators.Valid.Sample(g => AssertAgrees(g.Text), iter: 4_000);

    [Fact]
    public void Generated_references_with_one_character_changed_agree() =>
        ReferenceGenerators.Mutated.Sample(AssertAgrees, iter: 4_000);

    [Fact]
    public void Generated_strings_of_grammar_characters_agree() =>
        ReferenceGenerators.NearGrammar.Sample(AssertAgrees, iter: 4_000);

    [Fact]
    public void Generated_edge_cases_of_the_grammar_agree() =>
        ReferenceGenerators.EdgeCases.Sample(AssertAgrees, iter: 4_000);

    [Fact]
    public void The_expression_is_anchored_and_uses_no_class_outside_ascii()
    {
        Assert.StartsWith("\\A(?:", ReferenceRegex.Pattern, StringComparison.Ordinal);
        Assert.EndsWith(")\\z", ReferenceRegex.Pattern, StringComparison.Ordinal);
        Assert.DoesNotContain("\\w", ReferenceRegex.Pattern, StringComparison.Ordinal);
        Assert.DoesNotContain("\\d", ReferenceRegex.Pattern, StringComparison.Ordinal);
        Assert.All(ReferenceRegex.Pattern, c => Assert.True(c is > ' ' and < (char)127, $"U+{(int)c:X4}"));
    }

    private static void AssertAgrees(string input)
    {
        bool parsed = ImageReference.TryParse(input, out _, out var error);
        bool matched = Grammar.IsMatch(input);
        bool tooLongOnly = !parsed && error.Kind == ReferenceErrorKind.NameTooLong;
        Assert.True(parsed || tooLongOnly ? matched : !matched,
            $"'{input}': parser {(parsed ? "accepts" : "refuses (" + error.Message + ")")}, expression {(matched ? "matches" : "does not match")}");
    }
}
