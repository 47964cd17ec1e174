using System.Buffers;

namespace Pinned.Floor;

/// <summary>A request body copied into a pooled array; Dispose returns the array.</summary>
internal readonly struct PooledBody(byte[] array, int length) : IDisposable
{
    public ReadOnlySpan<byte> Span => array.AsSpan(0, length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(array);
}
