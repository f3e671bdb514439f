namespace SuperTune.Training.Batching;

/// <summary>A tokenized example: word-piece ids with [CLS] and [SEP], its class index (-1 when unlabelled).</summary>
public sealed record EncodedExample(int[] InputIds, int LabelId);
