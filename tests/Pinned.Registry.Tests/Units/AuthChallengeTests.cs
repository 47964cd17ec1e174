namespace Pinned.Registry.Tests.Units;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Parses_quoted_parameters_with_commas_and_escapes()
    {
        var parameters = AuthChallenge.ParseParameters(
            """realm="https://auth.example/token",service=registry.example, scope="repository:a/b:pull,push",error="say \"hi\"" """);

        Assert.Equal("https://auth.example/token", parameters["realm"]);
        Assert.Equal("registry.example", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
        Assert.Equal("say \"hi\"", parameters["error"]);
    }

    [Fact]
    public void Prefers_a_bearer_challenge_over_basic()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"r\"");
        response.Headers.WwwAuthenticate.ParseAdd("Bearer realm=\"https://t\",service=\"s\"");

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);

        Assert.True(challenge?.IsBearer);
        Assert.Equal("https://t", challenge?["realm"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("=,=,\"")]
    [InlineData("realm=\"unterminated")]
    public void Hostile_parameter_text_never_throws(string text) =>
        Assert.NotNull(AuthChallenge.ParseParameters(text));
}
