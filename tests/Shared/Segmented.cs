using System.Buffers;

namespace Pinned.Testing;

/// <summary>Bytes split into a chain of segments, as Kestrel's pipe hands over a body that arrived in several reads.</summary>
internal static class Segmented
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength) => Split(bytes, segmentLength, segmentLength);

    /// <summary>A first segment of <paramref name="first"/> bytes (the rest of a block shared with the headers), then blocks of <paramref name="block"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int first, int block)
    {
        if (bytes.Length <= first)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var head = new Segment(bytes.AsMemory(0, first), 0);
        var last = head;
        for (var start = first; start < bytes.Length; start += block)
        {
            last = last.Append(bytes.AsMemory(start, Math.Min(block, bytes.Length - start)));
        }

        return new ReadOnlySequence<byte>(head, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
