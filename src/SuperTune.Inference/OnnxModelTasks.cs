namespace SuperTune.Inference;

/// <summary>Values of <see cref="OnnxMetadataKeys.Task"/> that the ONNX Runtime predictors load.</summary>
public static class OnnxModelTasks
{
    /// <summary>A text classifier, loaded by <see cref="OnnxClassifier"/>: logits (batch, labels).</summary>
    public const string Classify = "classify";

    /// <summary>
    /// An entity tagger, loaded by <see cref="OnnxEntityTagger"/>: logits (batch, sequence, tags) over BIO tags.
    /// </summary>
    public const string Entities = "entities";
}
