using SuperTune.Core.OutOfScope;
using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Jobs;

/// <summary>Labels texts with a model folder loaded once into TorchSharp.</summary>
public sealed class ClassifierPredictor : IDisposable
{
    private readonly BertForSequenceClassification model;
    private readonly BertWordPieceTokenizer tokenizer;
    private readonly Device device;
    private readonly int maxLength;

    private ClassifierPredictor(BertForSequenceClassification model, BertWordPieceTokenizer tokenizer, Device device)
    {
        this.model = model;
        this.tokenizer = tokenizer;
        this.device = device;
        maxLength = model.Config.SuperTune?.MaxLength ?? 128;
        model.to(device);
    }

    /// <summary>Loads the classifier in <paramref name="folder"/> onto "cpu" or "cuda".</summary>
    public static ClassifierPredictor Load(string folder, string deviceName = "cpu")
    {
        var device = TorchDevices.Resolve(deviceName);
        var (model, tokenizer) = SequenceClassifierFolder.Load(folder);
        try
        {
            model.Config.SuperTune?.OutOfScope?.Validate(Path.Combine(folder, SequenceClassifierFolder.ConfigFile));
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return new ClassifierPredictor(model, tokenizer, device);
    }

    /// <summary>The label names in class-index order.</summary>
    public IReadOnlyList<string> Labels => model.Config.LabelsInOrder();

    /// <summary>Returns a prediction per text, in input order, with the <paramref name="topK"/> best labels.</summary>
    public IReadOnlyList<LabelPrediction> Predict(IReadOnlyList<string> texts, int topK = 3, int batchSize = 64)
    {
        var encoded = texts.Select(t => tokenizer.Encode(t, maxLength)).ToList();
        var examples = encoded.Select(e => new EncodedExample(e.InputIds.ToArray(), -1)).ToList();
        var temperature = model.Config.SuperTune?.Temperature ?? 1.0;
        var probabilities = ClassifierInference.PredictProbabilities(model, examples, tokenizer.PadId, batchSize, device,
            temperature);
        var labels = Labels;
        var outOfScope = model.Config.SuperTune?.OutOfScope;

        return texts.Select((text, i) =>
        {
            var ranked = probabilities[i].Select((p, id) => new LabelScore(labels[id], p))
                .OrderByDescending(s => s.Score).Take(Math.Max(1, topK)).ToList();
            var verdict = OutOfScopeVerdict.Decide(outOfScope, labels, probabilities[i]);
            return new LabelPrediction
            {
                Text = text,
                Label = ranked[0].Label,
                Score = ranked[0].Score,
                TopLabels = ranked,
                Truncated = encoded[i].Truncated,
                OutOfScope = verdict.OutOfScope,
                OutOfScopeReason = verdict.Reason,
            };
        }).ToList();
    }

    public void Dispose() => model.Dispose();
}
