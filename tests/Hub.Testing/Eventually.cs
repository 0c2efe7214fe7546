namespace Hub.Testing;

/// <summary>Bounded waits: poll a condition until it holds or the limit passes (no timing assertions).</summary>
public static class Eventually
{
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return await condition();
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan limit) => HoldsAsync(() => Task.FromResult(condition()), limit);
}
