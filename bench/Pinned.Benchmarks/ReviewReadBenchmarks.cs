using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinned.Admission;
using Pinned.Policy;
using Pinned.Testing;
using Pinned.Tests.Admission;

namespace Pinned.Benchmarks;

/// <summary>
/// Reading an AdmissionReview body into the request's fields and the decoded workload: the DOM
/// path /validate used before (baseline) against the one-pass streaming reader, over the body
/// as Kestrel hands it over (4 KB pipe segments), read in place or first copied into one pooled
/// buffer.
/// </summary>
[MemoryDiagnoser, MinColumn]
public class ReviewReadBenchmarks
{
    private byte[] _body = [];
    private ReadOnlySequence<byte> _segmented;

    [Params("pod-allowed.json", "deployment-large.json")]
    public string Payload { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", Payload));
        // Kestrel's pipe hands a body over in blocks of 4096 bytes, the first shared with the headers.
        _segmented = Segmented.Split(_body, 3000, 4096);
    }

    [Benchmark(Baseline = true)]
    public string? Dom()
    {
        using var document = JsonDocument.Parse(_body);
        return DomEnvelopeOracle.TryRead(document.RootElement, out var request, out _)
            ? WorkloadDecoder.Decode(request.Object, request.Kind).PodSpec?.SpecPath
            : null;
    }

    [Benchmark]
    public string? Stream() => Read(new ReadOnlySequence<byte>(_body));

    /// <summary>What /validate does with Kestrel's segments: one copy into a pooled buffer, then the contiguous reader.</summary>
    [Benchmark]
    public string? StreamFromSegments() => Read(_segmented);

    /// <summary>The choice behind StreamFromSegments: every token read in place over the segments…</summary>
    [Benchmark]
    public int TokensInPlaceOverSegments()
    {
        var reader = new Utf8JsonReader(_segmented);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>…or copied into one pooled buffer first.</summary>
    [Benchmark]
    public int TokensCopiedIntoPooledBuffer()
    {
        var length = (int)_segmented.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            _segmented.CopyTo(buffer);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            var tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            return tokens;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? Read(ReadOnlySequence<byte> body) =>
        AdmissionReviewReader.TryRead(body, out var request, out var error)
            ? request.Object.ToWorkload(request.Kind).PodSpec?.SpecPath
            : throw new InvalidOperationException(error);
}
