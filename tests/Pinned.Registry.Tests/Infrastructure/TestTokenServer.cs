using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// The token service of the token-auth registry (its realm), on loopback. Like Docker Hub's:
/// the configured user gets pull and push; anonymous callers get pull on <c>public/…</c>
/// repositories and nothing elsewhere; a wrong password gets 401.
/// </summary>
public sealed class TestTokenServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestTokenServer(WebApplication app, TokenMinter minter)
    {
        _app = app;
        Minter = minter;
    }

    public TokenMinter Minter { get; }

    private readonly ConcurrentDictionary<string, int> _requestsByRepository = new(StringComparer.Ordinal);

    /// <summary>
    /// Token requests whose scope names this repository. Per repository, since the tests of other
    /// classes ask the same server for tokens at the same time (a global count read 2 for 1 once,
    /// on a machine at load average 50).
    /// </summary>
    public int RequestsFor(string repository) => _requestsByRepository.GetValueOrDefault(repository);

    public static async Task<TestTokenServer> StartAsync(RegistryEnvironment environment)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(environment.TokenRealm.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
        var server = new TestTokenServer(app, new TokenMinter(environment));
        app.MapGet(environment.TokenRealm.AbsolutePath, (HttpContext context) => server.Issue(context, environment));
        await app.StartAsync();
        return server;
    }

    private IResult Issue(HttpContext context, RegistryEnvironment environment)
    {
        string? user = null;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..]));
            if (pair != $"{environment.User}:{environment.Password}")
            {
                return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "bad credentials" } } }, statusCode: 401);
            }
            user = environment.User;
        }
        var access = new List<(string, string[])>();
        foreach (var scope in context.Request.Query["scope"].SelectMany(s => (s ?? "").Split(' ')))
        {
            var parts = scope.Split(':');
            if (parts is ["repository", var repository, var actions])
            {
                _requestsByRepository.AddOrUpdate(repository, 1, (_, count) => count + 1);
                if (user is not null)
                {
                    access.Add((repository, actions.Split(',')));
                }
                else if (repository.StartsWith("public/", StringComparison.Ordinal))
                {
                    access.Add((repository, ["pull"]));
                }
            }
        }
        return Results.Json(new { token = Minter.Mint(user ?? "", access), expires_in = 300 });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
