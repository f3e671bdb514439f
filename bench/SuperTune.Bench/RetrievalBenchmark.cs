using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Retrieval;
using SuperTune.Training;
using SuperTune.Training.Retrieval;

namespace SuperTune.Bench;

/// <summary>
/// <c>bench retrieval</c>: fine-tunes the bundled MiniLM as a bi-encoder on a sample of Bitext's FAQ and of a
/// Banking77 knowledge base, evaluates both fine-tuned models and the untuned one in the same run on the
/// held-out questions plus CLINC150's out-of-scope test messages, times indexing 100,000 entries and one query,
/// and appends the results to docs/benchmarks.md.
/// </summary>
public static class RetrievalBenchmark
{
    private const int IndexSize = 100_000;

    public static int Run(string[] args)
    {
        var perIntent = IntOption(args, "--train-per-intent", 40);
        var epochs = IntOption(args, "--epochs", 1);
        var bitext = DataLocator.Find("bitext_customer_support_faq");
        var banking = DataLocator.Find("banking77");
        var clinc = DataLocator.Find("clinc150");
        if (bitext is null || banking is null || clinc is null)
        {
            Console.Error.WriteLine("error: shared/data/bitext_customer_support_faq, banking77 and clinc150 are needed " +
                                    "beside the repository for this benchmark.");
            return 1;
        }

        var repository = DataLocator.RepositoryRoot();
        var work = Path.Combine(repository, "runs", "bench-retrieval");
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
        var oos = Path.Combine(clinc, "test.csv");
        var options = new TrainingOptions
        {
            NumTrainEpochs = epochs, LearningRate = 5e-5, BatchSize = 32, ValidationFraction = 0.2, LoggingSteps = 10,
            MaxLength = 64,
        };

        // Bitext: train on a per-intent sample, search the whole FAQ.
        var bitextFaq = Path.Combine(bitext, "faq.csv");
        var bitextTrain = RetrievalDatasets.BitextTrainingSample(bitextFaq, work, perIntent);
        var bitextRun = TrainAndEvaluate(loggers, bitextTrain, bitextFaq, Path.Combine(bitext, "test.csv"), oos,
            Path.Combine(work, "bitext"), options);

        // Banking77: messages as questions, one generated answer per intent.
        var (bankingKb, bankingTrain, bankingTest) = RetrievalDatasets.Banking77(banking, work, 60, perIntent / 2);
        var bankingRun = TrainAndEvaluate(loggers, bankingTrain, bankingKb, bankingTest, oos,
            Path.Combine(work, "banking77"), options);

        var scale = MeasureIndex(Path.Combine(work, "bitext"));
        var record = Format(perIntent, epochs, bitextRun, bankingRun, scale);
        Console.WriteLine(record);
        File.AppendAllText(Path.Combine(repository, "docs", "benchmarks.md"), record);
        return 0;
    }

    private sealed record RunResult(RetrievalEvaluation Tuned, RetrievalEvaluation Baseline, int Pairs, double Seconds,
        int KnowledgeBaseSize);

    private sealed record IndexTiming(double IndexSeconds, double SearchMilliseconds, double EmbedMilliseconds);

    private static RunResult TrainAndEvaluate(ILoggerFactory loggers, string trainPath, string kbPath, string testPath,
        string oosPath, string modelFolder, TrainingOptions options)
    {
        var metrics = new RetrievalFineTuneJob(loggers).Run(new RetrievalTrainRequest
        {
            DataPath = trainPath,
            OutputFolder = modelFolder,
            Options = options,
            Retrieval = new RetrievalOptions { GroupColumn = "intent" },
        });
        var (tuned, baseline) = new RetrievalEvaluateJob(loggers).Run(new RetrievalEvaluateRequest
        {
            ModelFolder = modelFolder,
            DataPath = testPath,
            KnowledgeBasePath = kbPath,
            OutOfScopePath = oosPath,
            OutOfScopeLabel = "oos",
        });
        var training = metrics.GetSection("training")!;
        var kbSize = KnowledgeBaseReader.Read(kbPath, new KnowledgeBaseColumns { GroupColumn = "intent" }).Entries.Count;
        return new RunResult(tuned, baseline, Convert.ToInt32(training["pairs"], CultureInfo.InvariantCulture),
            Convert.ToDouble(training["seconds"], CultureInfo.InvariantCulture), kbSize);
    }

    // Indexing 100,000 random unit vectors and searching them, then one query embedded by the fine-tuned model.
    private static IndexTiming MeasureIndex(string modelFolder)
    {
        var random = new Random(1);
        var vectors = new float[IndexSize][];
        for (var i = 0; i < IndexSize; i++) vectors[i] = RandomUnitVector(random, 384);

        var clock = Stopwatch.StartNew();
        var index = new VectorIndex(384, IndexSize);
        for (var i = 0; i < IndexSize; i++) index.Add(i.ToString(CultureInfo.InvariantCulture), vectors[i]);
        var indexSeconds = clock.Elapsed.TotalSeconds;

        var searches = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var query = RandomUnitVector(random, 384);
            clock.Restart();
            index.Search(query, 10);
            searches.Add(clock.Elapsed.TotalMilliseconds);
        }

        using var model = SentenceEncoderModel.LoadFolder(modelFolder);
        var embeds = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            clock.Restart();
            model.Embedder.Embed(["how do I get my money back for order 12345?"]);
            embeds.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new IndexTiming(indexSeconds, Median(searches), Median(embeds));
    }

    private static string Format(int perIntent, int epochs, RunResult bitext, RunResult banking, IndexTiming timing)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## Answering from a knowledge base ({DateTime.UtcNow:yyyy-MM-dd})\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `dotnet run --project bench/SuperTune.Bench -c Release -- retrieval --train-per-intent {perIntent} " +
            $"--epochs {epochs}` ({Environment.ProcessorCount} cores)\n");
        text.AppendLine("Bi-encoder fine-tuning of the bundled all-MiniLM-L6-v2 with the multiple-negatives ranking loss " +
                        "(scale 20, learning rate 5e-5, question-to-question pairs of one intent, batches without a " +
                        $"repeated intent), {epochs} epoch(s) on at most {perIntent} FAQ rows per intent (Bitext) and " +
                        $"{perIntent / 2} messages per intent (Banking77). Thresholds are tuned on 20% of those rows " +
                        "for 99% precision, separately for each model. Test questions are searched against the whole " +
                        "knowledge base; a result is right when its intent is the question's. Out of scope: the " +
                        "1,000 `oos` test messages of CLINC150.\n");
        text.AppendLine("| knowledge base | model | recall@1 | recall@5 | MRR@10 | automation | answer precision | oos answered |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        Rows(text, $"Bitext FAQ ({bitext.KnowledgeBaseSize} entries, {bitext.Tuned.Count} test)", bitext);
        Rows(text, $"Banking77 ({banking.KnowledgeBaseSize} entries, {banking.Tuned.Count} test)", banking);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Training: Bitext {bitext.Pairs} pairs in {bitext.Seconds:F0} s, Banking77 {banking.Pairs} pairs in " +
            $"{banking.Seconds:F0} s (throughput measured while other jobs shared the 2 cores).\n");
        text.AppendLine("| index measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| add {IndexSize:N0} embeddings of 384 floats | {timing.IndexSeconds * 1000:F0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| exact top-10 search over {IndexSize:N0} entries (median of 50) | {timing.SearchMilliseconds:F1} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| embed one query with the fine-tuned model, libtorch (median of 20) | {timing.EmbedMilliseconds:F1} ms |");
        return text.ToString();
    }

    private static void Rows(StringBuilder text, string name, RunResult run)
    {
        foreach (var (model, evaluation) in new[] { ("fine-tuned", run.Tuned), ("untuned", run.Baseline) })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {model} | {evaluation.RecallAt1:P2} | {evaluation.RecallAt5:P2} | {evaluation.MrrAt10:F4} | " +
                $"{evaluation.AutomationRate:P1} | {evaluation.AnswerPrecision:P2} | {evaluation.OutOfScopeAnswerRate:P2} |");
        }
    }

    private static float[] RandomUnitVector(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++) vector[i] = (float)(random.NextDouble() * 2 - 1);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < dimension; i++) vector[i] /= norm;
        return vector;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
