namespace Pinned.Pinning;

/// <summary>
/// Replaces a file's content all at once: the new bytes go to a temporary file in the same
/// folder (same file system), flushed to disk, given the old file's permissions, then renamed
/// over it. A reader sees the old file or the new one, never a half-written one. A symbolic link
/// is followed: its target is replaced, the link stays.
/// </summary>
internal static class AtomicFile
{
    public static void Replace(string path, byte[] content)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.pinned-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
