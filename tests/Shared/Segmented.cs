using System.Buffers;

namespace Pinned.Testing;

/// <summary>Bytes split into a chain of segments, as Kestrel's pipe hands over a body that arrived in several reads.</summary>
internal static class Segmented
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength)
    {
        if (bytes.Length <= segmentLength)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes.AsMemory(0, segmentLength), 0);
        var last = first;
        for (var start = segmentLength; start < bytes.Length; start += segmentLength)
        {
            last = last.Append(bytes.AsMemory(start, Math.Min(segmentLength, bytes.Length - start)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
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
