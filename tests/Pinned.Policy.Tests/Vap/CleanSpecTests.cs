using System.Text.RegularExpressions;
using CsCheck;
using Pinned.Policy.Tests.References;
using Pinned.Policy.Vap;

namespace Pinned.Policy.Tests.Vap;

/// <summary>
/// The ValidatingAdmissionPolicy skips a pod spec whose images are all plain sha256-pinned
/// references (CleanSpecCel): that is only sound if the parser finds every such reference valid,
/// pinned and within the length limits, so that neither image rule can fire. Checked here on
/// generated references (the same reading of the pattern by .NET's non-backtracking engine as by
/// RE2: ASCII classes, \A and \z); the API server itself is compared with the webhook on pods in
/// Pinned.Cluster.Tests' differential test.
/// </summary>
public sealed class CleanSpecTests
{
    private static readonly Regex Plain = new(CleanSpecCel.PlainPinned, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static readonly string Hex64 = new string('a', 60) + "09ff";

    /// <summary>What the matchCondition lets through unjudged, as it writes it in CEL.</summary>
    private static bool Skipped(string image) =>
        image.Length <= CleanSpecCel.MaxLength && Plain.IsMatch(image) && image.Length - image.IndexOf('@', StringComparison.Ordinal) == CleanSpecCel.DigestLength;

    private static readonly Gen<string> NearPlain = Gen.Select(
        Gen.OneOf("", "registry.example.com/", "a-b.c/", "docker.io/", "localhost/", "ghcr.io/", "Foo/", "localhost:5000/", "a.io:/", "-a.io/", "a..b/"),
        Gen.Select(Gen.Char["abz09"].Array[1, 4], Gen.OneOf("", ".", "_", "-", "__", "--", ".."), Gen.Char["abz09"].Array[0, 3], (a, s, b) => new string(a) + s + new string(b)).Array[1, 4],
        Gen.Frequency((3, Gen.Const("")), (2, Gen.OneOf(":latest", ":1.27", ":v1.2.3-rc.1", ":_x", ":.x", ":-x", ":")), (2, Gen.Int[118, 131].Select(n => ":" + new string('t', n)))),
        Gen.Frequency((6, Gen.Const("@sha256:" + Hex64)), (1, Gen.OneOf("@sha256:" + Hex64[1..], "@sha256:" + Hex64 + "0", "@sha256:" + Hex64.ToUpperInvariant(), "@sha512:" + Hex64 + Hex64, "", "@sha256:" + Hex64 + "@sha256:" + Hex64))),
        (domain, components, tag, digest) => domain + string.Join('/', components) + tag + digest);

    [Theory]
    [InlineData("registry.example.com/team/app@sha256:")]
    [InlineData("nginx@sha256:")]
    [InlineData("nginx:1.27-alpine@sha256:")]
    [InlineData("ghcr.io/org/tool_x/sub-dir:v1.2.3@sha256:")]
    [InlineData("a-b.c.d/e.f@sha256:")]
    public void Common_pinned_references_are_skipped(string prefix) => Assert.True(Skipped(prefix + Hex64));

    [Theory]
    [InlineData("Registry.example.com/app@sha256:")] // upper case: a domain, but not plain
    [InlineData("localhost:5000/app@sha256:")] // a port
    [InlineData("[::1]/app@sha256:")]
    [InlineData("a__b/c@sha256:")] // a double separator
    [InlineData("a/b@sha512:")]
    [InlineData("a/b:latest")]
    [InlineData("a/b@sha256:0")]
    public void Other_references_are_judged(string prefix) => Assert.False(Skipped(prefix + (prefix.EndsWith(':') ? Hex64 : "")));

    [Fact]
    public void A_reference_of_the_longest_skipped_length_with_the_longest_tag_is_valid()
    {
        var image = "a:" + new string('t', CleanSpecCel.MaxLength - 2 - CleanSpecCel.DigestLength) + "@sha256:" + Hex64;
        Assert.Equal(CleanSpecCel.MaxLength, image.Length);
        Assert.True(Skipped(image));
        AssertPinnedIfSkipped(image);
        Assert.False(Skipped("a" + image));
    }

    [Fact]
    public void Every_skipped_generated_reference_is_valid_and_pinned()
    {
        int skipped = 0;
        void Check(string image)
        {
            skipped += Skipped(image) ? 1 : 0;
            AssertPinnedIfSkipped(image);
        }

        NearPlain.Sample(Check, iter: 6_000, threads: 1);
        ReferenceGenerators.Valid.Sample(g => Check(g.Text), iter: 4_000, threads: 1);
        ReferenceGenerators.Mutated.Sample(Check, iter: 4_000, threads: 1);
        ReferenceGenerators.EdgeCases.Sample(Check, iter: 2_000, threads: 1);
        ReferenceGenerators.NearGrammar.Sample(Check, iter: 2_000, threads: 1);
        Assert.True(skipped > 400, $"only {skipped} generated references were plain: the property was hardly tried");
    }

    private static void AssertPinnedIfSkipped(string image)
    {
        if (!Skipped(image))
        {
            return;
        }

        Assert.True(ImageReference.TryParse(image, out var reference, out var error), $"'{image}' is skipped but the parser refuses it: {error.Message}");
        Assert.True(reference.IsPinned, $"'{image}' is skipped but not pinned");
    }
}
