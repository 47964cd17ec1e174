namespace Pinned.Manifests;

/// <summary>Receives, in input order, each document read and each input error met.</summary>
internal interface IManifestSink
{
    void Document(in ManifestDocument document);

    void Error(ManifestError error);
}
