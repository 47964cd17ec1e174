namespace Pinned.Policy; internal static class Placeholder;
