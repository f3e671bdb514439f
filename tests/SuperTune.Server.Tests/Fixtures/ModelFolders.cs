using SuperTune.Inference.Tests.Fixtures;

namespace SuperTune.Server.Tests.Fixtures;

/// <summary>Two stand-in models with different labels, written once per test class.</summary>
public sealed class ModelFolders : IDisposable
{
    public static readonly StandInModel Intents = new();

    public static readonly StandInModel Greek = new() { Labels = ["alpha", "beta", "gamma"], Seed = 11 };

    private readonly TemporaryFolder _temporary = new();

    public ModelFolders()
    {
        IntentsPath = _temporary.Combine("intents");
        GreekPath = _temporary.Combine("greek");
        Intents.WriteTo(IntentsPath);
        Greek.WriteTo(GreekPath);
    }

    public string IntentsPath { get; }

    public string GreekPath { get; }

    /// <summary>Copies the intents model into a new folder that a test may change.</summary>
    public string CopyOfIntents()
    {
        string folder = _temporary.Combine("intents-" + Guid.NewGuid().ToString("N")[..8]);
        Intents.WriteTo(folder);
        return folder;
    }

    public void Dispose() => _temporary.Dispose();
}
