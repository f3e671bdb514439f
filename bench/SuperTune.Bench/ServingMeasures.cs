namespace SuperTune.Bench;

/// <summary>Raw results of the serving benchmark: per-round sentences/s of each predictor and the HTTP load.</summary>
public sealed record ServingMeasures(int Texts, int Rounds, double[] Classifier, double[] OriginalGraph,
    double[] SentenceEncoder, HttpLoadResult Http);
