namespace Pinned.Policy;

/// <summary>
/// What a rule does with a violation. Ordered by strength, so that a cap (the global audit or
/// warn mode, or the /validate/audit path) is the minimum of the two: a cap can lower an action,
/// never raise it. Audit reports more than warn (audit annotation, log line), so it ranks above.
/// </summary>
public enum RuleAction
{
    Disabled = 0,
    Warn = 1,
    Audit = 2,
    Enforce = 3,
}

public static class RuleActions
{
    public static RuleAction Cap(this RuleAction action, RuleAction cap) => action < cap ? action : cap;

    public static string ToConfigString(this RuleAction action) => action switch
    {
        RuleAction.Enforce => "enforce",
        RuleAction.Audit => "audit",
        RuleAction.Warn => "warn",
        _ => "disabled",
    };

    public static bool TryParse(string? text, out RuleAction action)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "enforce": action = RuleAction.Enforce; return true;
            case "audit": action = RuleAction.Audit; return true;
            case "warn": action = RuleAction.Warn; return true;
            case "disabled": action = RuleAction.Disabled; return true;
            default: action = RuleAction.Disabled; return false;
        }
    }
}
