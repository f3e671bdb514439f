using SuperTune.Modeling.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.FewShot;

/// <summary>
/// The classification head alone, fitted with cross-entropy on sentence embeddings computed once from the tuned
/// encoder, as SetFit fits its head after the contrastive stage. An epoch runs no encoder pass, only the head.
/// </summary>
public sealed class HeadTask : ITrainingTask, IDisposable
{
    private readonly BertForSequenceClassification model;
    private readonly Tensor trainEmbeddings;      // (train, hidden)
    private readonly Tensor validationEmbeddings; // (validation, hidden)
    private readonly long[] trainLabels;
    private readonly int[] validationLabels;
    private readonly int batchSize;
    private readonly int seed;

    /// <param name="model">The classifier whose <see cref="BertForSequenceClassification.Classifier"/> trains.</param>
    /// <param name="trainEmbeddings">One embedding per training example.</param>
    /// <param name="trainLabels">Class index per training example.</param>
    /// <param name="validationEmbeddings">One embedding per validation example.</param>
    /// <param name="validationLabels">Class index per validation example; -1 leaves it out of the scores.</param>
    /// <param name="options">Batch size and seed.</param>
    public HeadTask(BertForSequenceClassification model, float[][] trainEmbeddings, IReadOnlyList<int> trainLabels,
        float[][] validationEmbeddings, IReadOnlyList<int> validationLabels, TrainingOptions options)
    {
        this.model = model;
        this.trainEmbeddings = Stack(trainEmbeddings);
        this.validationEmbeddings = Stack(validationEmbeddings);
        this.trainLabels = trainLabels.Select(l => (long)l).ToArray();
        this.validationLabels = [.. validationLabels];
        batchSize = options.BatchSize;
        seed = options.Seed;
    }

    public nn.Module Model => model.Classifier;

    public int TrainCount => trainLabels.Length;

    public int ValidationCount => validationLabels.Length;

    public string ScoreName => "macro_f1";

    public IReadOnlyList<int[]> BatchesForEpoch(int epoch)
    {
        var order = Enumerable.Range(0, trainLabels.Length).ToArray();
        new Random(unchecked(seed * 1_000_003 + epoch)).Shuffle(order);
        return order.Chunk(batchSize).ToList();
    }

    public BatchLoss Loss(IReadOnlyList<int> indices, Device device)
    {
        var rows = tensor(indices.Select(i => (long)i).ToArray(), device: trainEmbeddings.device);
        var embeddings = trainEmbeddings.index_select(0, rows).to(device);                    // (batch, hidden)
        var labels = tensor(indices.Select(i => trainLabels[i]).ToArray(), device: device);   // (batch)
        var logits = model.Classifier.forward(embeddings);                                    // (batch, labels)
        var loss = nn.functional.cross_entropy(logits, labels);
        return new BatchLoss(loss, indices.Count, indices.Count, indices.Count);
    }

    public ValidationScores Validate(Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.Classifier.forward(validationEmbeddings.to(device));                // (validation, labels)
        var logProbabilities = nn.functional.log_softmax(logits, 1).cpu();
        var predicted = logProbabilities.argmax(1).data<long>().Select(p => (int)p).ToArray();

        var rows = Enumerable.Range(0, validationLabels.Length).Where(i => validationLabels[i] >= 0).ToArray();
        var gold = rows.Select(i => validationLabels[i]).ToArray();
        var kept = rows.Select(i => predicted[i]).ToArray();
        var loss = rows.Length == 0 ? 0 : rows.Average(i => -logProbabilities[i, validationLabels[i]].item<float>());
        var accuracy = QuickScores.Accuracy(gold, kept);
        var macroF1 = QuickScores.MacroF1(gold, kept, model.Config.NumLabels);
        return new ValidationScores(loss, macroF1,
            new Dictionary<string, double> { ["accuracy"] = accuracy, ["macro_f1"] = macroF1 });
    }

    public void Dispose()
    {
        trainEmbeddings.Dispose();
        validationEmbeddings.Dispose();
    }

    private static Tensor Stack(float[][] rows)
    {
        // TorchSharp's tensor() wraps a pinned copy of the managed array, whose address, and so its alignment, varies
        // from run to run. libtorch's CPU matrix product can round differently at another alignment (seen as a 1-ulp
        // change of the validation loss between two runs of one seed), so the rows are copied into libtorch's memory.
        var hidden = rows.Length == 0 ? 0 : rows[0].Length;
        using var wrapped = tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, hidden]); // (rows, hidden)
        return wrapped.clone();
    }
}
