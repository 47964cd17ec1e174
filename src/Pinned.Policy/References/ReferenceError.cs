namespace Pinned.Policy;

/// <summary>The reason a reference failed to parse, in words a person can act on.</summary>
public readonly record struct ReferenceError(ReferenceErrorKind Kind, string Message)
{
    public static ReferenceError None => default;
}
