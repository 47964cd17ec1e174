namespace Pinned.Policy;

/// <summary>Loads the policy: the file (YAML or JSON) first, then overrides in order, validated as a whole.</summary>
public static class PolicyLoader
{
    /// <param name="file">The policy file, or null for the defaults of SPEC.md §5.</param>
    /// <param name="overrides">Flat keys ("rules:mutable-tag:action") from environment variables or options; later wins.</param>
    public static PolicyOptions Load(string? file, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        IEnumerable<KeyValuePair<string, string?>> settings = file is null ? [] : PolicyFileReader.Read(file);
        if (overrides is not null)
        {
            settings = settings.Concat(overrides);
        }

        return PolicyBinder.Bind(settings);
    }

    /// <summary>Loads a policy from text, e.g. a ConfigMap value or a test.</summary>
    public static PolicyOptions Parse(string text, string source = "policy") =>
        PolicyBinder.Bind(PolicyFileReader.Parse(text, source));
}
