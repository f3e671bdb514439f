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

    /// <summary>
    /// Returns the <see cref="OnnxMetadataKeys.Task"/> of model.onnx in <paramref name="modelFolder"/>, or null when
    /// the file has none, for a folder without config.json to tell what it contains.
    /// </summary>
    /// <exception cref="Core.SuperTuneException">The folder, its model.onnx or its vocab.txt is missing or unreadable.</exception>
    public static string? Read(string modelFolder)
    {
        OnnxModelFolder model = OnnxModelFolder.Open(modelFolder, new OnnxClassifierOptions { IntraOpThreads = 1 });
        using (model.Session)
        {
            return model.Session.ModelMetadata.CustomMetadataMap.GetValueOrDefault(OnnxMetadataKeys.Task);
        }
    }
}
