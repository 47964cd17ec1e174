namespace Pinned.Manifests;

/// <summary>Receives, in input order, each document read and each input error met.</summary>
internal interface IManifestSink
{
    void Document(in ManifestDocument document);

    void Error(ManifestError error);

    /// <summary>
    /// An item of the top-level "items" list of the document being read, handed out before the
    /// document itself (whose "items" then reads as empty) so that a huge List is never held whole.
    /// </summary>
    void ListItem(in ManifestDocument item, int position);

    /// <summary>An item of the top-level "items" list that could not be converted; handed out like <see cref="ListItem"/>.</summary>
    void ListItemError(ManifestError error);
}
