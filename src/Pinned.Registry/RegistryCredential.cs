namespace Pinned.Registry;

/// <summary>A user name and password (or token) for one registry.</summary>
internal sealed record RegistryCredential(string Username, string Password)
{
    public string ToBasicParameter() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>Never print the password, not even in a debugger or a log line.</summary>
    public override string ToString() => $"{Username}:***";
}
