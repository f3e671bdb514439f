using SuperTune.Core.Data;

namespace SuperTune.Training.Jobs;

/// <summary>What <c>supertune evaluate</c> was asked to do.</summary>
public sealed record EvaluateRequest
{
    public required string ModelFolder { get; init; }
    public required string DataPath { get; init; }

    /// <summary>Where the results go; null means MODEL/evaluations/&lt;data file name&gt;.</summary>
    public string? OutputFolder { get; init; }

    public DataReadOptions Data { get; init; } = new();
    public int BatchSize { get; init; } = 64;
    public string Device { get; init; } = "cpu";
}
