using System.Text.Json;

namespace Pinned.Manifests;

/// <summary>
/// One YAML or JSON document of an input, converted to JSON. Valid only during the
/// <see cref="IManifestSink.Document"/> call that receives it: its memory is reused afterwards.
/// </summary>
/// <param name="Source">The input's display name (a path as given, or "&lt;stdin&gt;").</param>
/// <param name="Index">The document's 0-based position in its input.</param>
internal readonly record struct ManifestDocument(string Source, int Index, JsonElement Root, NodeLineMap Lines);
