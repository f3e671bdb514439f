using SuperTune.Core.Entities;
using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Entities;

/// <summary>Finds entities in texts with an entity tagger folder loaded once into TorchSharp.</summary>
public sealed class EntityPredictor : IEntityTagger, IDisposable
{
    private readonly BertForTokenClassification model;
    private readonly BertWordPieceTokenizer tokenizer;
    private readonly Device device;
    private readonly int maxLength;

    private EntityPredictor(BertForTokenClassification model, BertWordPieceTokenizer tokenizer, Device device)
    {
        this.model = model;
        this.tokenizer = tokenizer;
        this.device = device;

        // The limit that an export records, so that TorchSharp and ONNX Runtime truncate a text alike.
        maxLength = model.Config.PredictionMaxLength;
        model.to(device);
    }

    /// <summary>Loads the tagger in <paramref name="folder"/> onto "cpu" or "cuda".</summary>
    public static EntityPredictor Load(string folder, string deviceName = "cpu")
    {
        var device = TorchDevices.Resolve(deviceName);
        var (model, tokenizer) = TokenClassifierFolder.Load(folder);
        return new EntityPredictor(model, tokenizer, device);
    }

    /// <summary>The entity types the model tags, without BIO prefixes.</summary>
    public IReadOnlyList<string> EntityTypes => BioTags.EntityTypes(model.Config.LabelsInOrder());

    /// <summary>
    /// Returns the entities of each text, in input order. Words are split as <see cref="WordSplitter"/> does,
    /// and each word takes the tag predicted at its first word piece.
    /// </summary>
    public IReadOnlyList<EntityResult> Predict(IReadOnlyList<string> texts, int batchSize = 64)
    {
        TaggerInput[] inputs = [.. texts.Select(text => TaggerInput.Encode(tokenizer, text, maxLength))];
        float[]?[][] probabilities = TokenClassifierInference.PredictWordProbabilities(model,
            [.. inputs.Select(TaggedEncoding.ForPrediction)], tokenizer.PadId, batchSize, device);
        IReadOnlyList<string> tags = model.Config.LabelsInOrder();
        return [.. inputs.Select((input, i) => input.Decode(probabilities[i], tags))];
    }

    IReadOnlyList<EntityResult> IEntityTagger.Predict(IReadOnlyList<string> texts) => Predict(texts);

    public void Dispose() => model.Dispose();
}
