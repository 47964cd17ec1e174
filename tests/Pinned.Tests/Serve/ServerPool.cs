using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(Pinned.Tests.Serve.ServerPool))]

namespace Pinned.Tests.Serve;

/// <summary>One running webhook per policy text, shared by the tests of the assembly; stopped at the end.</summary>
public sealed class ServerPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<WebhookServer>>> _servers = new(StringComparer.Ordinal);

    internal Task<WebhookServer> GetAsync(string? policyYaml = null) =>
        _servers.GetOrAdd(policyYaml ?? string.Empty, text => new Lazy<Task<WebhookServer>>(
            () => text.Length == 0 ? WebhookServer.StartAsync() : WebhookServer.StartAsync(text))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }
}
