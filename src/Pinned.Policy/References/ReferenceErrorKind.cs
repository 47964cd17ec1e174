namespace Pinned.Policy;

/// <summary>Why a string is not a valid image reference.</summary>
public enum ReferenceErrorKind
{
    None,
    Empty,
    NameTooLong,
    InvalidDomain,
    InvalidPath,
    UppercasePath,
    InvalidTag,
    InvalidDigest,
    UnsupportedDigestAlgorithm,
    HexIdentifier,
}
