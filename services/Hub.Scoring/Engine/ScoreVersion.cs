namespace Hub.Scoring.Engine;

/// <summary>
/// A number this replica raises whenever stored scores may have changed: after each round it
/// commits, and on each notification of another replica's (<see cref="ScoreChangeListener"/>).
/// Queries keep what they read with the number they read it at, and may serve it again without
/// asking the database while the number holds and the listener is <see cref="Watching"/>.
/// </summary>
public sealed class ScoreVersion
{
    private long _current;
    private volatile bool _watching;

    public long Current => Interlocked.Read(ref _current);

    /// <summary>
    /// Whether every commit that changes scores raises <see cref="Current"/>: true only while the
    /// listener holds its LISTEN. A change committed while it was not is covered by the raise that
    /// comes with every change of this flag.
    /// </summary>
    public bool Watching => _watching;

    public void Raise() => Interlocked.Increment(ref _current);

    internal void SetWatching(bool watching)
    {
        _watching = watching;
        Raise();
    }
}
