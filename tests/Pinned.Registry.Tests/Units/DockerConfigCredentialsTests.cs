namespace Pinned.Registry.Tests.Units;

public sealed class DockerConfigCredentialsTests
{
    [Fact]
    public void Reads_auth_and_username_password_entries_keyed_by_host()
    {
        var credentials = DockerConfigCredentials.Parse("""
            {"auths": {
              "https://index.docker.io/v1/": {"auth": "aHViOnMzY3JldDpwYXJ0"},
              "http://registry.local:5000/v2/": {"username": "ci", "password": "pw"},
              "ghcr.io": {"identitytoken": "not-used"}
            }, "credsStore": "desktop"}
            """);

        Assert.Equal(new RegistryCredential("hub", "s3cret:part"), credentials.Find("docker.io"));
        Assert.Equal(new RegistryCredential("ci", "pw"), credentials.Find("registry.local:5000"));
        Assert.Null(credentials.Find("ghcr.io"));
        Assert.Equal(2, credentials.Count);
    }

    [Theory]
    [InlineData("""{"auths": []}""", "\"auths\" must be an object")]
    [InlineData("""{"auths": {"x": {"auth": "bm9jb2xvbg=="}}}""", "auths[\"x\"].auth must be base64 of \"user:password\"")]
    [InlineData("""{"auths": {"x": {"auth": "%%%"}}}""", "")]
    public void Malformed_files_are_errors_naming_the_file(string json, string detail)
    {
        using var file = Infrastructure.TempFile.Create(json, ".json");

        var error = Assert.Throws<RegistryConfigurationException>(() => DockerConfigCredentials.Load(file.Path));

        Assert.StartsWith($"registry.dockerConfig: {file.Path} is not a Docker config.json: {detail}", error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_and_no_file_means_no_credentials()
    {
        Assert.Contains("cannot read /nonexistent/config.json", Assert.Throws<RegistryConfigurationException>(
            () => DockerConfigCredentials.Load("/nonexistent/config.json")).Message);
        Assert.Equal(0, DockerConfigCredentials.Load(null).Count);
    }

    [Fact]
    public void A_credential_never_prints_its_password() =>
        Assert.DoesNotContain("hunter2", new RegistryCredential("me", "hunter2").ToString());
}
