namespace Moderation.Testing;

/// <summary>Polls for something the pipeline does asynchronously, for a bounded time.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(until);
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var last = await read();
        while (!until(last))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what ?? "a condition"}; last seen: {last}");
            }

            await Task.Delay(50);
            last = await read();
        }

        return last;
    }
}
