namespace Pinned.Tests.Serve;

/// <summary>
/// A Secret volume laid out as the kubelet's atomic writer does: tls.crt → ..data/tls.crt,
/// ..data → ..&lt;timestamp&gt;; an update writes a new timestamped folder and renames a new
/// ..data link over the old one.
/// </summary>
internal sealed class KubeletSecretVolume : IDisposable
{
    private int _generation;

    public KubeletSecretVolume()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pinned-tls-").FullName;
    }

    public string Directory { get; }

    public string CertPath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>Publishes new contents atomically, as a Secret update does.</summary>
    public void Publish(string certPem, string keyPem)
    {
        var version = $"..2026_11_28_00_00_{++_generation:D2}.{Environment.ProcessId}";
        var folder = Path.Combine(Directory, version);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certPem);
        File.WriteAllText(Path.Combine(folder, "tls.key"), keyPem);
        var temporary = Path.Combine(Directory, "..data_tmp");
        File.CreateSymbolicLink(temporary, version);
        Rename(temporary, Path.Combine(Directory, "..data"));
        foreach (var name in new[] { "tls.crt", "tls.key" })
        {
            var link = Path.Combine(Directory, name);
            if (!Path.Exists(link) && new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, Path.Combine("..data", name));
            }
        }
    }

    /// <summary>Overwrites the current files in place, non-atomically, e.g. half-written.</summary>
    public void OverwriteInPlace(string certText, string keyText)
    {
        File.WriteAllText(CertPath, certText);
        File.WriteAllText(KeyPath, keyText);
    }

    /// <summary>rename(2), which swaps a symlink atomically (File.Move would follow a link to a directory).</summary>
    private static void Rename(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start("mv", ["-T", "-f", from, to]);
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
