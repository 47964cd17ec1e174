namespace Pinned.Cluster.Tests.Audit;

/// <summary>Digests the tests' pods "run": distinct, valid sha256 values, one per letter.</summary>
internal static class Digests
{
    public static string Of(char hex) => "sha256:" + new string(hex, 64);

    public static readonly string A = Of('a');
    public static readonly string B = Of('b');
    public static readonly string C = Of('c');
    public static readonly string D = Of('d');
    public static readonly string E = Of('e');
    public static readonly string F = Of('f');
    public static readonly string One = Of('1');
    public static readonly string Two = Of('2');
    public static readonly string Three = Of('3');
    public static readonly string Four = Of('4');
}
