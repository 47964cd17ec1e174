using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// ImageReference.TryParse against the same grammar written as one anchored regular expression
/// (distribution's ReferenceRegexp shape, compiled by the source generator), the obvious
/// alternative. Target: ≤ 200 ns and no allocation for a valid reference.
/// </summary>
[MemoryDiagnoser, MinColumn]
public partial class ParseBenchmarks
{
    [Params(
        "registry.example.com/shop/web:2.14.1@sha256:0dfd1b8ee7b42ccd7b2bdc429b0db724f9381394919879055c929ed757021214",
        "nginx:1.27",
        "Registry.Example.com/Shop/Web:latest")]
    public string Reference { get; set; } = "";

    [Benchmark(Baseline = true)]
    public bool GrammarRegex() => ReferenceRegex().IsMatch(Reference);

    [Benchmark]
    public bool TryParse() => ImageReference.TryParse(Reference, out _, out _);

    [Benchmark]
    public bool TryParseThenIsPinned() => ImageReference.TryParse(Reference, out var reference, out _) && reference.IsPinned;

    // name := [domain '/'] component ('/' component)* ; then optional tag and digest.
    [GeneratedRegex(
        @"^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?/)?"
        + @"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
        + @"(?::[\w][\w.-]{0,127})?(?:@(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceRegex();
}
