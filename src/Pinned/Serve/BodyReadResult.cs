using System.Buffers;

namespace Pinned.Serve;

/// <summary>The outcome of reading a request body: the bytes, or the HTTP status and reason it failed with.</summary>
internal readonly record struct BodyReadResult(ReadOnlySequence<byte> Body, int FailureStatus, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static BodyReadResult Fail(int status, string reason) => new(default, status, reason);
}
