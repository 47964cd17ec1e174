using System.Buffers;

namespace Pinned.Floor;

/// <summary>An answer written into a pooled array: an allowed review with the request's uid, or a 400.</summary>
internal sealed class FloorAnswer : IDisposable
{
    private static readonly byte[] Head = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\""u8.ToArray();
    private static readonly byte[] Tail = "\",\"allowed\":true}}"u8.ToArray();
    private static readonly byte[] NotJsonBody = """{"status":400,"error":"the request body is not valid JSON"}"""u8.ToArray();

    private readonly byte[] _array;
    private readonly bool _pooled;

    private FloorAnswer(byte[] array, int length, bool pooled)
    {
        _array = array;
        Length = length;
        _pooled = pooled;
    }

    public static FloorAnswer NotJson => new(NotJsonBody, NotJsonBody.Length, pooled: false);

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public static FloorAnswer Allowed(ReadOnlySpan<byte> uid)
    {
        var length = Head.Length + uid.Length + Tail.Length;
        var array = ArrayPool<byte>.Shared.Rent(length);
        Head.CopyTo(array, 0);
        uid.CopyTo(array.AsSpan(Head.Length));
        Tail.CopyTo(array, Head.Length + uid.Length);
        return new FloorAnswer(array, length, pooled: true);
    }

    public void Dispose()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
