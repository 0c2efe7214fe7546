namespace Hub.Scoring.Engine;

/// <summary>Wakes the recompute loop when a consumer of this process has marked something dirty.</summary>
public sealed class RecomputeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it first: one pending wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
