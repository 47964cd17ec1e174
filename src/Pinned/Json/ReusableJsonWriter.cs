using System.Buffers;
using System.Text.Json;

namespace Pinned.Json;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> and the buffer it writes into, kept by a thread in a
/// [ThreadStatic] field between uses, so that writing an answer, an annotation or a log line
/// allocates neither. A buffer that a rare huge value grew past <see cref="MaxKeptCapacity"/>
/// is replaced rather than kept for the life of the thread.
/// </summary>
internal sealed class ReusableJsonWriter
{
    public const int MaxKeptCapacity = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private ReusableJsonWriter(JsonWriterOptions options) => Json = new Utf8JsonWriter(_buffer, options);

    public Utf8JsonWriter Json { get; }

    /// <summary>The thread's kept writer, emptied; a new one, stored in <paramref name="kept"/>, when there is none worth keeping.</summary>
    public static ReusableJsonWriter Start(ref ReusableJsonWriter? kept, JsonWriterOptions options)
    {
        var reusable = kept is { _buffer.Capacity: <= MaxKeptCapacity } ? kept : kept = new ReusableJsonWriter(options);
        reusable._buffer.ResetWrittenCount();
        reusable.Json.Reset(reusable._buffer);
        return reusable;
    }

    /// <summary>What <see cref="Json"/> wrote since <see cref="Start"/>; valid until the thread starts this writer again.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        Json.Flush();
        return _buffer.WrittenSpan;
    }
}
