using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests;

/// <summary>
/// A registry that redirects manifest requests to another host, as registry.k8s.io does to
/// regional Artifact Registry hosts: the client follows, authenticates with the new host on its
/// own terms, and never carries the first host's credentials along.
/// </summary>
public sealed class RedirectTests(RegistryEnvironment env) : IDisposable
{
    private readonly HttpClient _http = Registries.TrustingClient(env);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_redirect_to_another_host_is_followed_and_its_token_flow_answered_there()
    {
        var repository = Registries.NewRepository("public");
        var pushed = await Registries.Token(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.RedirectTo = new Uri($"https://{env.Token}/");
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = [proxy.Authority], CaFile = env.CaFile });

        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);

        Assert.Equal(pushed, result.Digest);
        Assert.Equal(proxy.Authority, result.Registry);
    }

    [Fact]
    public async Task Credentials_of_the_redirecting_registry_do_not_follow_it_to_another_host()
    {
        var repository = Registries.NewRepository("private");
        var pushed = await Registries.Token(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.RedirectTo = new Uri($"https://{env.Token}/");
        using var forProxy = Registries.DockerConfig(Registries.AuthEntry(proxy.Authority, env.User, env.Password));
        using var forTarget = Registries.DockerConfig(Registries.AuthEntry(env.Token, env.User, env.Password));
        string[] insecure = [proxy.Authority, env.TokenRealm.Authority];
        using var proxyOnly = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = insecure, CaFile = env.CaFile, DockerConfig = forProxy.Path });
        using var targetToo = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = insecure, CaFile = env.CaFile, DockerConfig = forTarget.Path });

        var refused = await proxyOnly.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);
        var resolved = await targetToo.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.Unauthorized, refused.Failure);
        Assert.Equal(pushed, resolved.Digest);
    }

    [Fact]
    public async Task A_redirect_to_plain_http_that_is_not_listed_insecure_is_refused()
    {
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.RedirectTo = new Uri($"http://{env.Plain}/");
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = [proxy.Authority] });

        var result = await resolver.ResolveAsync(proxy.Authority, "any", "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.InvalidResponse, result.Failure);
        Assert.EndsWith($"redirected to http://{env.Plain}, which is neither HTTPS nor listed in registry.insecure", result.Message);
    }

    public void Dispose() => _http.Dispose();
}
