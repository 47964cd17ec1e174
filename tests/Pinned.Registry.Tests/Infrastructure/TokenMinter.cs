using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// Signs registry tokens the way the distribution token spec wants them: an ES256 JWT whose
/// <c>x5c</c> header carries the signing certificate the registry trusts (rootcertbundle),
/// with <c>access</c> claims listing repository actions.
/// </summary>
public sealed class TokenMinter(RegistryEnvironment environment)
{
    private readonly Lazy<(ECDsa Key, string CertificateDer)> _signer = new(() =>
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(environment["PINNED_TEST_TOKEN_KEY"]));
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(environment["PINNED_TEST_TOKEN_CERT"]));
        return (key, Convert.ToBase64String(certificate.RawData));
    });

    public string Mint(string subject, IEnumerable<(string Repository, string[] Actions)> access)
    {
        var (key, certificate) = _signer.Value;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "ES256", x5c = new[] { certificate } });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = environment["PINNED_TEST_TOKEN_ISSUER"],
            sub = subject,
            aud = environment["PINNED_TEST_TOKEN_SERVICE"],
            exp = now + 300,
            nbf = now - 10,
            iat = now,
            jti = Guid.NewGuid().ToString("N"),
            access = access.Select(a => new { type = "repository", name = a.Repository, actions = a.Actions }).ToArray(),
        });
        var signingInput = Base64Url(header) + "." + Base64Url(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
