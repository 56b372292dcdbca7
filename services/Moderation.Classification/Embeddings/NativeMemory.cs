using System.Runtime.InteropServices;

namespace Moderation.Classification.Embeddings;

/// <summary>
/// Keeps glibc from holding on to the encoder's freed buffers. ONNX Runtime allocates and frees
/// tens of megabytes per batch (attention and feed-forward tensors); glibc raises its mmap threshold
/// to the largest block freed, after which such blocks come from the heap and stay resident: the
/// Classification process grew by about 300 MB under load for nothing. A fixed threshold of 128 KiB
/// (what <c>MALLOC_MMAP_THRESHOLD_=131072</c> would set) hands them back to the system when freed.
/// </summary>
internal static partial class NativeMemory
{
    private const int MmapThreshold = -3;
    private const int TrimThreshold = -1;
    private const int Threshold = 128 * 1024;
    private static int s_applied;

    public static void ReturnLargeBlocksToTheSystem()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref s_applied, 1) == 1)
        {
            return;
        }

        try
        {
            _ = Mallopt(MmapThreshold, Threshold);
            _ = Mallopt(TrimThreshold, Threshold);
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without mallopt (musl): its allocator does not keep such blocks anyway.
        }
        catch (DllNotFoundException)
        {
            // No libc.so.6 to ask: nothing to tune.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Mallopt(int parameter, int value);
}
