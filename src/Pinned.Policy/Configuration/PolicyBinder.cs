namespace Pinned.Policy;

/// <summary>
/// Turns configuration keys into <see cref="PolicyOptions"/>, collecting every error instead of
/// stopping at the first. Unknown keys are errors: a typo such as "mutableTag" must not silently
/// leave the default in force.
/// </summary>
internal sealed class PolicyBinder
{
    private readonly List<string> _errors = [];

    public static PolicyOptions Bind(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var binder = new PolicyBinder();
        var options = binder.BindRoot(ConfigNode.Build(settings));
        return binder._errors.Count == 0 ? options : throw new PolicyException(binder._errors);
    }

    private PolicyOptions BindRoot(ConfigNode root)
    {
        RejectUnknown(root, "mode", "exemptNamespaces", "rules", "registry", "mutation", "audit");
        var rules = root.Child("rules");
        if (rules is not null)
        {
            RejectUnknown(rules, RuleIds.ImageDigest, RuleIds.MutableTag, RuleIds.HostPath);
        }

        return new PolicyOptions
        {
            Mode = Mode(root.Child("mode")),
            ExemptNamespaces = StringList(root.Child("exemptNamespaces"), [], ValidateNamespace),
            ImageDigest = BindImageDigest(rules?.Child(RuleIds.ImageDigest)),
            MutableTag = BindMutableTag(rules?.Child(RuleIds.MutableTag)),
            HostPath = BindHostPath(rules?.Child(RuleIds.HostPath)),
            Registry = BindRegistry(root.Child("registry")),
            Mutation = BindMutation(root.Child("mutation")),
            Audit = BindAudit(root.Child("audit")),
        };
    }

    private ImageDigestOptions BindImageDigest(ConfigNode? node)
    {
        var defaults = new ImageDigestOptions();
        if (node is null)
        {
            return defaults;
        }

        RejectUnknown(node, "action", "exemptImages");
        return new ImageDigestOptions
        {
            Action = Action(node.Child("action"), defaults.Action),
            ExemptImages = StringList(node.Child("exemptImages"), defaults.ExemptImages, ValidateGlob),
        };
    }

    private MutableTagOptions BindMutableTag(ConfigNode? node)
    {
        var defaults = new MutableTagOptions();
        if (node is null)
        {
            return defaults;
        }

        RejectUnknown(node, "action", "mutableTags", "exemptImages");
        return new MutableTagOptions
        {
            Action = Action(node.Child("action"), defaults.Action),
            MutableTags = StringList(node.Child("mutableTags"), defaults.MutableTags, ValidateTag),
            ExemptImages = StringList(node.Child("exemptImages"), defaults.ExemptImages, ValidateGlob),
        };
    }

    private HostPathOptions BindHostPath(ConfigNode? node)
    {
        var defaults = new HostPathOptions();
        if (node is null)
        {
            return defaults;
        }

        RejectUnknown(node, "action", "allowedHostPaths");
        return new HostPathOptions
        {
            Action = Action(node.Child("action"), defaults.Action),
            AllowedHostPaths = AllowedHostPaths(node.Child("allowedHostPaths")),
        };
    }

    private IReadOnlyList<AllowedHostPath> AllowedHostPaths(ConfigNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node.Children.Count == 0 && !string.IsNullOrEmpty(node.Value))
        {
            Error(node.DisplayPath, node.Value, "must be a list");
            return [];
        }

        RejectNonIndex(node);
        var result = new List<AllowedHostPath>();
        foreach (var (_, item) in node.Items())
        {
            if (item.Children.Count == 0)
            {
                Error(item.DisplayPath, item.Value, "must be a map with keys pathPrefix, readOnly");
                continue;
            }

            RejectUnknown(item, "pathPrefix", "readOnly");
            var prefix = Scalar(item.Child("pathPrefix"));
            if (string.IsNullOrEmpty(prefix))
            {
                Error(item.DisplayPath + ".pathPrefix", prefix, "is required: an absolute path such as /var/log");
                continue;
            }

            if (HostPathMatcher.Normalize(prefix) is null)
            {
                Error(item.DisplayPath + ".pathPrefix", prefix, "must be an absolute path without '.' or '..' segments");
                continue;
            }

            result.Add(new AllowedHostPath(prefix, Bool(item.Child("readOnly"), false)));
        }

        return result;
    }

    private RegistryOptions BindRegistry(ConfigNode? node)
    {
        var defaults = new RegistryOptions();
        if (node is null)
        {
            return defaults;
        }

        RejectUnknown(node, "insecure", "caFile", "dockerConfig", "timeout", "cacheTtl");
        return new RegistryOptions
        {
            Insecure = StringList(node.Child("insecure"), defaults.Insecure, ValidateHost),
            CaFile = Scalar(node.Child("caFile")) ?? defaults.CaFile,
            DockerConfig = Scalar(node.Child("dockerConfig")) ?? defaults.DockerConfig,
            Timeout = Duration(node.Child("timeout"), defaults.Timeout, TimeSpan.FromMinutes(1)),
            CacheTtl = Duration(node.Child("cacheTtl"), defaults.CacheTtl, TimeSpan.FromDays(7)),
        };
    }

    private MutationOptions BindMutation(ConfigNode? node)
    {
        if (node is null)
        {
            return new MutationOptions();
        }

        RejectUnknown(node, "enabled");
        return new MutationOptions { Enabled = Bool(node.Child("enabled"), false) };
    }

    private AuditOptions BindAudit(ConfigNode? node)
    {
        var defaults = new AuditOptions();
        if (node is null)
        {
            return defaults;
        }

        RejectUnknown(node, "enabled", "interval", "jitter", "reports", "leaseDuration", "metricNamespaces");
        var interval = Duration(node.Child("interval"), defaults.Interval, TimeSpan.FromDays(1));
        var lease = Duration(node.Child("leaseDuration"), defaults.LeaseDuration, TimeSpan.FromMinutes(10));
        if (node.Child("leaseDuration") is { } leaseNode && lease < TimeSpan.FromSeconds(1))
        {
            Error(leaseNode.DisplayPath, leaseNode.Value, "must be at least 1s (the leader renews at two thirds of it)");
        }

        return new AuditOptions
        {
            Enabled = Bool(node.Child("enabled"), defaults.Enabled),
            Interval = interval,
            Jitter = Fraction(node.Child("jitter"), defaults.Jitter),
            Reports = Bool(node.Child("reports"), defaults.Reports),
            LeaseDuration = lease,
            MetricNamespaces = Count(node.Child("metricNamespaces"), defaults.MetricNamespaces, 1, 10_000),
        };
    }

    private double Fraction(ConfigNode? node, double fallback)
    {
        if (Scalar(node) is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is >= 0 and <= 1)
        {
            return value;
        }

        Error(node!.DisplayPath, text, "must be a fraction from 0 to 1, such as 0.1");
        return fallback;
    }

    private int Count(ConfigNode? node, int fallback, int min, int max)
    {
        if (Scalar(node) is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        Error(node!.DisplayPath, text, $"must be a whole number from {min} to {max}");
        return fallback;
    }

    /// <summary>The value of a key that takes one value; a list or map there is an error, not a silent default.</summary>
    private string? Scalar(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Children.Count > 0)
        {
            Error(node.DisplayPath, null, "must be a single value, not a list or map");
            return null;
        }

        return node.Value;
    }

    private RuleAction Mode(ConfigNode? node)
    {
        var mode = Action(node, RuleAction.Enforce);
        if (mode == RuleAction.Disabled)
        {
            Error(node!.DisplayPath, node.Value, "must be one of enforce, audit, warn (disable rules one by one instead)");
        }

        return mode;
    }

    private RuleAction Action(ConfigNode? node, RuleAction fallback)
    {
        if (Scalar(node) is not { } text)
        {
            return fallback;
        }

        if (RuleActions.TryParse(text, out var action))
        {
            return action;
        }

        var hint = text.Trim().ToLowerInvariant() is "off" or "false" or "no"
            ? " (YAML reads a bare off as false: write disabled)"
            : string.Empty;
        Error(node!.DisplayPath, text, $"must be one of enforce, audit, warn, disabled{hint}");
        return fallback;
    }

    private bool Bool(ConfigNode? node, bool fallback)
    {
        if (Scalar(node) is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node!.DisplayPath, text, "must be true or false");
        return fallback;
    }

    private TimeSpan Duration(ConfigNode? node, TimeSpan fallback, TimeSpan max)
    {
        if (Scalar(node) is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var value) || value <= TimeSpan.Zero || value > max)
        {
            Error(node!.DisplayPath, text, $"must be a positive duration such as 500ms, 2s or 10m, at most {DurationText.Format(max)}");
            return fallback;
        }

        return value;
    }

    private IReadOnlyList<string> StringList(ConfigNode? node, IReadOnlyList<string> fallback, Func<string, string?> validate)
    {
        if (node is null)
        {
            return fallback;
        }

        if (node.Children.Count == 0)
        {
            if (!string.IsNullOrEmpty(node.Value))
            {
                Error(node.DisplayPath, node.Value, "must be a list");
            }

            return node.HasValue ? [] : fallback;
        }

        RejectNonIndex(node);
        var result = new List<string>();
        foreach (var (_, item) in node.Items())
        {
            if (item.Children.Count > 0 || item.Value is null)
            {
                Error(item.DisplayPath, item.Value, "must be a string");
                continue;
            }

            if (validate(item.Value) is { } problem)
            {
                Error(item.DisplayPath, item.Value, problem);
                continue;
            }

            result.Add(item.Value);
        }

        return result;
    }

    private static string? ValidateNamespace(string ns) =>
        ns.Length is > 0 and <= 63 && ns.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && ns[0] != '-' && ns[^1] != '-'
            ? null
            : "is not a namespace name (lowercase letters, digits and '-', at most 63)";

    private static string? ValidateGlob(string glob) =>
        glob.Trim().Length == 0 || glob.Any(char.IsWhiteSpace) ? "must be a non-empty image pattern without spaces" : null;

    private static string? ValidateTag(string tag) =>
        ReferenceGrammar.IsTag(tag) ? null : "is not a valid tag";

    private static string? ValidateHost(string host) =>
        ReferenceGrammar.IsDomain(host) ? null : "is not a registry host[:port]";

    private void RejectUnknown(ConfigNode node, params string[] known)
    {
        if (node.Children.Count == 0 && !string.IsNullOrEmpty(node.Value))
        {
            Error(node.DisplayPath, node.Value, $"must be a map with keys {string.Join(", ", known)}");
            return;
        }

        foreach (var (key, child) in node.Children)
        {
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                _errors.Add($"{child.DisplayPath}: unknown key (known keys here: {string.Join(", ", known)})");
            }
        }
    }

    private void RejectNonIndex(ConfigNode node)
    {
        foreach (var child in node.NonIndexChildren())
        {
            _errors.Add($"{child.DisplayPath}: unexpected key in a list");
        }
    }

    private void Error(string key, string? value, string problem) =>
        _errors.Add(value is null ? $"{key}: {problem}" : $"{key}: '{value}' {problem}");
}
