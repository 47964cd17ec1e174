namespace Pinned.Registry;

internal static class Placeholder;
