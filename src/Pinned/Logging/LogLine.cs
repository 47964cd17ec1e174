using System.Buffers;

namespace Pinned.Logging;

/// <summary>One formatted line (UTF-8 JSON and '\n') in an array rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
internal readonly struct LogLine(byte[] array, int length)
{
    public byte[] Array { get; } = array;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Bytes => Array.AsSpan(0, Length);

    public static LogLine Copy(ReadOnlySpan<byte> json)
    {
        var array = ArrayPool<byte>.Shared.Rent(json.Length + 1);
        json.CopyTo(array);
        array[json.Length] = (byte)'\n';
        return new LogLine(array, json.Length + 1);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Array);
}
