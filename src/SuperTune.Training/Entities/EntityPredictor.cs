using SuperTune.Core.Entities;
using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Entities;

/// <summary>Finds entities in texts with an entity tagger folder loaded once into TorchSharp.</summary>
public sealed class EntityPredictor : IDisposable
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
        maxLength = model.Config.SuperTune?.MaxLength ?? 128;
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
    public IReadOnlyList<string> EntityTypes =>
        [.. model.Config.LabelsInOrder().Select(tag => BioTags.Parse(tag).Type).OfType<string>().Distinct()];

    /// <summary>
    /// Returns the entities of each text, in input order. Words are split as <see cref="WordSplitter"/> does,
    /// and each word takes the tag predicted at its first word piece.
    /// </summary>
    public IReadOnlyList<EntityResult> Predict(IReadOnlyList<string> texts, int batchSize = 64)
    {
        var words = texts.Select(WordSplitter.Split).ToList();
        var encodings = new List<TaggedEncoding>(texts.Count);
        for (int i = 0; i < texts.Count; i++)
        {
            EncodedWords encoded = tokenizer.EncodeWords(texts[i], words[i], maxLength);
            int[] firstPieces = TaggedEncoding.FindFirstPieces(encoded.WordIndices, words[i].Count);
            var labels = new long[encoded.InputIds.Count];
            Array.Fill(labels, TaggedEncoding.IgnoreIndex);
            encodings.Add(new TaggedEncoding([.. encoded.InputIds], labels, firstPieces, encoded.Truncated));
        }

        float[]?[][] probabilities = TokenClassifierInference.PredictWordProbabilities(model, encodings,
            tokenizer.PadId, batchSize, device);
        IReadOnlyList<string> tags = model.Config.LabelsInOrder();
        return [.. texts.Select((text, i) => new EntityResult
        {
            Text = text,
            Entities = EntityDecoder.Decode(text, words[i], probabilities[i], tags).Entities,
            Truncated = encodings[i].Truncated,
        })];
    }

    public void Dispose() => model.Dispose();
}
