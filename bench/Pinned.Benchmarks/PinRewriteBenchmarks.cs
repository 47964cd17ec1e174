using System.Text;
using BenchmarkDotNet.Attributes;
using Pinned.Pinning;

namespace Pinned.Benchmarks;

/// <summary>
/// The CPU side of <c>pinned pin</c>: finding image scalars by parser position and splicing
/// digests in (the rewrite parses the result again to verify it). Baseline: YamlDotNet's plain
/// parse of the same text, which the locator cannot beat since it is built on it.
/// </summary>
[MemoryDiagnoser]
public class PinRewriteBenchmarks
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private string _text = "";
    private List<(ImageScalar, string)> _pins = [];

    [Params(1, 100)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Documents; i++)
        {
            text.Append($"""
                # workload {i}
                apiVersion: apps/v1
                kind: Deployment
                metadata: {"{"}name: web-{i}{"}"}
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: init
                          image: "ghcr.io/example/migrate:2.{i}"
                      containers:
                        - name: web
                          image: nginx:1.27   # tag kept
                          ports: [{"{"}containerPort: 80{"}"}]
                        - name: shipper
                          image: 'busybox'
                ---

                """);
        }
        _text = text.ToString();
        _pins = [.. ManifestImageLocator.Locate(_text).Select(s => (s, Digest))];
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(_text));
        return stream.Documents.Count;
    }

    [Benchmark]
    public int Locate() => ManifestImageLocator.Locate(_text).Count;

    [Benchmark]
    public int RewriteWithVerification() => ManifestRewriter.Apply(_text, _pins).Length;
}
