using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Pinned.Registry.Tests.Units;

/// <summary>Token reuse and bounds, with a token endpoint that counts its calls.</summary>
public sealed class BearerTokenProviderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly CountingTokenEndpoint _endpoint = new();
    private readonly HttpClient _http;
    private readonly BearerTokenProvider _tokens;

    public BearerTokenProviderTests()
    {
        _http = new HttpClient(_endpoint);
        _tokens = new BearerTokenProvider(_http, new RegistryClientOptions(), _time);
    }

    [Fact]
    public async Task A_token_is_reused_until_shortly_before_it_expires()
    {
        var challenge = Challenge("repository:a:pull");

        await _tokens.GetTokenAsync(challenge, null, "a", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(54));
        await _tokens.GetTokenAsync(challenge, null, "a", TestContext.Current.CancellationToken);
        Assert.Equal(1, _endpoint.Calls);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _tokens.GetTokenAsync(challenge, null, "a", TestContext.Current.CancellationToken);
        Assert.Equal(2, _endpoint.Calls);
    }

    [Fact]
    public async Task Credentials_go_to_an_https_realm_and_the_scope_and_service_are_sent()
    {
        await _tokens.GetTokenAsync(Challenge("repository:a/b:pull"), new RegistryCredential("u", "p"), "a/b", TestContext.Current.CancellationToken);

        Assert.Equal("Basic dTpw", _endpoint.LastAuthorization);
        Assert.Equal("?service=reg&scope=repository%3Aa%2Fb%3Apull", _endpoint.LastQuery);
    }

    [Fact]
    public async Task The_token_table_stays_bounded()
    {
        for (var i = 0; i < BearerTokenProvider.MaxTokens + 100; i++)
        {
            await _tokens.GetTokenAsync(Challenge($"repository:r{i}:pull"), null, $"r{i}", TestContext.Current.CancellationToken);
        }

        Assert.InRange(_tokens.Count, 1, BearerTokenProvider.MaxTokens);
    }

    private static AuthChallenge Challenge(string scope) =>
        new("Bearer", new Dictionary<string, string> { ["realm"] = "https://auth.test/token", ["service"] = "reg", ["scope"] = scope });

    public void Dispose() => _http.Dispose();

    private sealed class CountingTokenEndpoint : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public string? LastAuthorization { get; private set; }

        public string? LastQuery { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            LastAuthorization = request.Headers.Authorization?.ToString();
            LastQuery = request.RequestUri!.Query;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"token": "t{{Calls}}", "expires_in": 60}"""),
            });
        }
    }
}
