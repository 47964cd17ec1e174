namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// Time budgets of the tests that talk to the loopback registries. A loopback call takes
/// milliseconds on a quiet machine, but at load average 12-24 on two cores one TLS handshake plus
/// a token round trip took longer than the 0.8 s connect timeout of the default 2 s budget. Tests
/// that are not about timing give every call this budget, so they fail only when something is
/// wrong, never because the machine is busy; tests about timing state their own.
/// </summary>
internal static class TestBudget
{
    /// <summary>registry.timeout of a test that is not about timing.</summary>
    public static readonly TimeSpan Registry = TimeSpan.FromSeconds(30);

    /// <summary>The same, as the policy file writes it.</summary>
    public const string RegistryYaml = "30s";
}
