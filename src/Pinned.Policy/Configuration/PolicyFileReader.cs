using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pinned.Policy;

/// <summary>
/// Reads a YAML or JSON policy file into flat configuration keys ("rules:host-path:action"), the
/// shape Microsoft.Extensions.Configuration uses, so that environment variables and command-line
/// options can override single keys. An empty list or map is kept as an empty value, so that
/// "mutableTags: []" means "none" instead of falling back to the default.
/// </summary>
public static class PolicyFileReader
{
    public static IReadOnlyList<KeyValuePair<string, string?>> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException($"{path}: cannot read the policy file: {e.Message}");
        }

        return Parse(text, path);
    }

    public static IReadOnlyList<KeyValuePair<string, string?>> Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PolicyException($"{source}:{e.Start.Line}: not valid YAML or JSON: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (stream.Documents.Count > 1)
        {
            throw new PolicyException($"{source}: a policy file holds one document, found {stream.Documents.Count}");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PolicyException($"{source}: the policy must be a map of keys (mode, exemptNamespaces, rules, …)");
        }

        var result = new List<KeyValuePair<string, string?>>();
        if (root.Children.Count > 0)
        {
            Flatten(root, prefix: null, result, source);
        }

        return result;
    }

    /// <summary>
    /// Far more settings than any policy has. YAML aliases can repeat a node exponentially
    /// ("billion laughs"); counting the flattened keys bounds the work instead of hanging.
    /// </summary>
    private const int MaxSettings = 10_000;

    private static void Flatten(YamlNode node, string? prefix, List<KeyValuePair<string, string?>> into, string source)
    {
        if (into.Count > MaxSettings)
        {
            throw new PolicyException($"{source}: more than {MaxSettings} settings; a policy holds a few dozen (is a YAML alias repeated without bound?)");
        }

        switch (node)
        {
            case YamlMappingNode map when map.Children.Count == 0:
            case YamlSequenceNode { Children.Count: 0 }:
                into.Add(new(prefix!, string.Empty));
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = key is YamlScalarNode { Value: { } scalarKey }
                        ? scalarKey
                        : throw new PolicyException($"{source}:{key.Start.Line}: a key must be a plain string");
                    Flatten(value, prefix is null ? name : $"{prefix}:{name}", into, source);
                }

                break;
            case YamlSequenceNode list:
                for (int i = 0; i < list.Children.Count; i++)
                {
                    Flatten(list.Children[i], $"{prefix}:{i}", into, source);
                }

                break;
            case YamlScalarNode scalar:
                into.Add(new(prefix!, IsNull(scalar) ? null : scalar.Value));
                break;
        }
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
