using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests;

/// <summary>Basic auth (htpasswd) and the bearer-token flow against the real TLS registries.</summary>
public sealed class AuthenticationTests(RegistryEnvironment env) : IDisposable
{
    private readonly HttpClient _http = Registries.TrustingClient(env);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Basic_auth_with_docker_config_credentials_and_the_test_ca_resolves()
    {
        var repository = Registries.NewRepository();
        var pushed = await Registries.Tls(env, _http).PushImageAsync(repository, "1.0");
        using var config = Registries.DockerConfig(Registries.AuthEntry($"https://{env.Tls}/v1/", env.User, env.Password));
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, CaFile = env.CaFile, DockerConfig = config.Path });

        var result = await resolver.ResolveAsync(env.Tls, repository, "1.0", "img", Ct);

        Assert.Equal(pushed, result.Digest);
    }

    [Fact]
    public async Task Wrong_basic_credentials_fail_as_unauthorized_naming_the_user()
    {
        var repository = Registries.NewRepository();
        await Registries.Tls(env, _http).PushImageAsync(repository, "1.0");
        using var config = Registries.DockerConfig(Registries.AuthEntry(env.Tls, env.User, "wrong"));
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, CaFile = env.CaFile, DockerConfig = config.Path });

        var result = await resolver.ResolveAsync(env.Tls, repository, "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.Unauthorized, result.Failure);
        Assert.Equal($"cannot resolve img at {env.Tls}: unauthorized: the credentials of user 'pinned' were rejected", result.Message);
    }

    [Fact]
    public async Task Missing_credentials_fail_as_unauthorized_saying_none_are_configured()
    {
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, CaFile = env.CaFile });

        var result = await resolver.ResolveAsync(env.Tls, "any/repo", "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.Unauthorized, result.Failure);
        Assert.Contains($"no credentials for {env.Tls} in registry.dockerConfig", result.Message);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_once_without_retries_and_points_at_ca_file()
    {
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, MaxRetryAttempts = 2 });

        var result = await resolver.ResolveAsync(env.Tls, "any/repo", "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.Unreachable, result.Failure);
        Assert.Contains("TLS handshake with registry", result.Message);
        Assert.Contains("registry.caFile", result.Message);
    }

    [Fact]
    public async Task Token_flow_grants_anonymous_pull_on_a_public_repository()
    {
        var repository = Registries.NewRepository("public");
        var pushed = await Registries.Token(env, _http).PushImageAsync(repository, "1.0");
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, CaFile = env.CaFile });

        var result = await resolver.ResolveAsync(env.Token, repository, "1.0", "img", Ct);

        Assert.Equal(pushed, result.Digest);
    }

    [Fact]
    public async Task Token_flow_with_credentials_resolves_and_reuses_the_token_within_its_lifetime()
    {
        var repository = Registries.NewRepository("private");
        var pusher = Registries.Token(env, _http);
        var first = await pusher.PushImageAsync(repository, "1.0");
        var second = await pusher.PushImageAsync(repository, "2.0");
        using var config = Registries.DockerConfig(
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["auths"] = new Dictionary<string, object> { [env.Token] = new { username = env.User, password = env.Password } },
            }));
        // The realm is plain HTTP on loopback: credentials go there only because it is listed.
        using var resolver = new DigestResolver(new()
        {
            Timeout = TestBudget.Registry, CaFile = env.CaFile, DockerConfig = config.Path, Insecure = [env.TokenRealm.Authority],
        });
        var before = env.TokenServer.RequestsFor(repository);

        Assert.Equal(first, (await resolver.ResolveAsync(env.Token, repository, "1.0", "img", Ct)).Digest);
        Assert.Equal(second, (await resolver.ResolveAsync(env.Token, repository, "2.0", "img", Ct)).Digest);
        Assert.Equal(1, env.TokenServer.RequestsFor(repository) - before);
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_a_plain_http_token_realm_that_is_not_listed_insecure()
    {
        var repository = Registries.NewRepository("private");
        await Registries.Token(env, _http).PushImageAsync(repository, "1.0");
        using var config = Registries.DockerConfig(Registries.AuthEntry(env.Token, env.User, env.Password));
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, CaFile = env.CaFile, DockerConfig = config.Path });

        var result = await resolver.ResolveAsync(env.Token, repository, "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.Unauthorized, result.Failure);
    }

    [Fact]
    public async Task Token_flow_with_a_wrong_password_fails_as_unauthorized_from_the_token_service()
    {
        using var config = Registries.DockerConfig(Registries.AuthEntry(env.Token, env.User, "wrong"));
        using var resolver = new DigestResolver(new()
        {
            Timeout = TestBudget.Registry, CaFile = env.CaFile, DockerConfig = config.Path, Insecure = [env.TokenRealm.Authority],
        });

        var result = await resolver.ResolveAsync(env.Token, "private/any", "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.Unauthorized, result.Failure);
        Assert.Contains($"the token service {env.TokenRealm.Authority} rejected the credentials of user 'pinned'", result.Message);
    }

    public void Dispose() => _http.Dispose();
}
