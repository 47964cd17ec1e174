namespace Pinned.Registry;

/// <summary>Why a tag could not be resolved; the lower-case form is the metrics outcome.</summary>
public enum RegistryFailure
{
    NotFound,
    Unauthorized,
    TimedOut,
    CircuitOpen,
    RateLimited,
    Unreachable,
    ServerError,
    InvalidResponse,
}
