using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Retrieval;
using SuperTune.Training;
using SuperTune.Training.Retrieval;

namespace SuperTune.Bench;

/// <summary>
/// <c>bench retrieval bitext|banking77|index</c>: fine-tunes the bundled MiniLM as a bi-encoder on a sample of
/// Bitext's FAQ or of a Banking77 knowledge base and evaluates it and the untuned model in the same run on the
/// held-out questions plus CLINC150's out-of-scope test messages; or times indexing 100,000 entries and one
/// query. Each part appends its record to docs/benchmarks.md.
/// </summary>
public static class RetrievalBenchmark
{
    private const int IndexSize = 100_000;
    private const int Banking77KnowledgeBasePerIntent = 20;

    public static int Run(string[] args)
    {
        var part = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "bitext";
        var perIntent = IntOption(args, "--train-per-intent", part == "banking77" ? 8 : 40);
        var epochs = IntOption(args, "--epochs", 1);
        var learningRate = double.Parse(StringOption(args, "--learning-rate", "5e-5"), CultureInfo.InvariantCulture);
        var reuse = args.Contains("--reuse");
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
            NumTrainEpochs = epochs, LearningRate = learningRate, BatchSize = 32, ValidationFraction = 0.2, LoggingSteps = 10,
            MaxLength = 64,
        };

        var command = $"retrieval {part} --train-per-intent {perIntent} --epochs {epochs} --learning-rate {learningRate:G3}";
        string record;
        switch (part)
        {
            case "bitext":
            {
                // Train on a per-intent sample of the FAQ, search the whole FAQ.
                var faq = Path.Combine(bitext, "faq.csv");
                var train = RetrievalDatasets.BitextTrainingSample(faq, work, perIntent);
                var run = TrainAndEvaluate(loggers, train, faq, Path.Combine(bitext, "test.csv"), oos,
                    Path.Combine(work, "bitext"), options, reuse);
                record = Format(command, $"Bitext FAQ, {perIntent} training rows per intent", run, learningRate);
                break;
            }

            case "banking77":
            {
                // The training messages are the first rows of each intent's knowledge-base rows, so they cannot
                // outnumber them.
                if (perIntent > Banking77KnowledgeBasePerIntent)
                {
                    Console.Error.WriteLine($"error: --train-per-intent {perIntent} is above the {Banking77KnowledgeBasePerIntent} " +
                                            "knowledge-base messages per intent that training draws from; use at most " +
                                            $"{Banking77KnowledgeBasePerIntent}.");
                    return 2;
                }

                // Messages as questions with one generated answer per intent; 5 test messages per intent.
                var (kb, train, test) = RetrievalDatasets.Banking77(banking, work, Banking77KnowledgeBasePerIntent, perIntent, testPerIntent: 5);
                var run = TrainAndEvaluate(loggers, train, kb, test, oos, Path.Combine(work, "banking77"), options, reuse);
                record = Format(command, $"Banking77 knowledge base, {perIntent} training messages per intent", run,
                    learningRate);
                break;
            }

            case "index":
                command = "retrieval index";
                record = FormatIndex(MeasureIndex(Path.Combine(work, "bitext")));
                break;
            default:
                Console.Error.WriteLine($"error: unknown part \"{part}\"; use bitext, banking77 or index.");
                return 2;
        }

        record = record.Replace("COMMAND", command, StringComparison.Ordinal);
        Console.WriteLine(record);
        File.AppendAllText(Path.Combine(repository, "docs", "benchmarks.md"), record);
        return 0;
    }

    private sealed record RunResult(RetrievalEvaluation Tuned, RetrievalEvaluation Baseline, int Pairs, double Seconds,
        int KnowledgeBaseSize);

    private sealed record IndexTiming(double IndexSeconds, double SearchMilliseconds, double EmbedMilliseconds);

    private static RunResult TrainAndEvaluate(ILoggerFactory loggers, string trainPath, string kbPath, string testPath,
        string oosPath, string modelFolder, TrainingOptions options, bool reuse)
    {
        // --reuse keeps a model folder that an earlier run of this part trained.
        var metricsPath = Path.Combine(modelFolder, "metrics.json");
        var metrics = reuse && File.Exists(metricsPath)
            ? MetricsDocument.Load(metricsPath)
            : new RetrievalFineTuneJob(loggers).Run(new RetrievalTrainRequest
            {
                DataPath = trainPath,
                OutputFolder = modelFolder,
                Options = options,
                Retrieval = new RetrievalOptions { GroupColumn = "intent" },
            });
        // --reuse also keeps the evaluation an earlier run wrote for this model.
        var evaluationPath = Path.Combine(modelFolder, "evaluations", Path.GetFileNameWithoutExtension(testPath),
            "metrics.json");
        var (tuned, baseline) = reuse && File.Exists(evaluationPath)
            ? ReadEvaluation(MetricsDocument.Load(evaluationPath))
            : new RetrievalEvaluateJob(loggers).Run(new RetrievalEvaluateRequest
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

    private static (RetrievalEvaluation Tuned, RetrievalEvaluation Baseline) ReadEvaluation(MetricsDocument metrics)
    {
        static RetrievalEvaluation Read(IReadOnlyDictionary<string, object> section, string prefix)
        {
            double Number(string key) => Convert.ToDouble(section[prefix + key], CultureInfo.InvariantCulture);
            return new RetrievalEvaluation
            {
                Count = (int)Number("count"), RecallAt1 = Number("recall_at_1"), RecallAt5 = Number("recall_at_5"),
                MrrAt10 = Number("mrr_at_10"), AutomationRate = Number("automation_rate"),
                AnswerPrecision = Number("answer_precision"), ClarifyRate = Number("clarify_rate"),
                EscalationRate = Number("escalation_rate"), OutOfScopeCount = (int)Number("oos_count"),
                OutOfScopeAnswerRate = Number("oos_answer_rate"),
            };
        }

        return (Read(metrics.GetSection("test")!, ""), Read(metrics.GetSection("baseline")!, "test."));
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

    private static string Format(string command, string title, RunResult run, double learningRate)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## Answering from a knowledge base: {title} ({DateTime.UtcNow:yyyy-MM-dd})\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `dotnet run --project bench/SuperTune.Bench -c Release -- COMMAND` ({Environment.ProcessorCount} cores)\n");
        text.AppendLine("Bi-encoder fine-tuning of the bundled all-MiniLM-L6-v2 with the multiple-negatives ranking loss " +
                        $"(scale 20, learning rate {learningRate:G3}, batch 32 capped at the number of intents, question-to-question " +
                        "pairs of one intent, no repeated intent in a batch). Each model's thresholds are tuned on the " +
                        "same 20% of the training rows: the answer threshold on the answer confidence (the softmax " +
                        "of the top three answers' cosines and a \"no answer\" cosine at the clarify threshold, at the " +
                        "loss's scale) for 99% precision. Test questions are searched against the " +
                        "whole knowledge base, and a result is right when its intent is the question's. Out of scope: " +
                        "the 1,000 `oos` test messages of CLINC150, which must not be answered.\n");
        text.AppendLine("| model | recall@1 | recall@5 | MRR@10 | automation | answer precision | oos answered |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        Rows(text, run);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Knowledge base {run.KnowledgeBaseSize} entries, {run.Tuned.Count} test questions, {run.Pairs} training " +
            $"pairs in {run.Seconds:F0} s (while other jobs shared the 2 cores, so time is no throughput measure).");
        return text.ToString();
    }

    private static string FormatIndex(IndexTiming timing)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## Knowledge-base index at {IndexSize:N0} entries ({DateTime.UtcNow:yyyy-MM-dd})\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `dotnet run --project bench/SuperTune.Bench -c Release -- COMMAND` ({Environment.ProcessorCount} cores, shared with other jobs)\n");
        text.AppendLine("| index measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| add {IndexSize:N0} embeddings of 384 floats | {timing.IndexSeconds * 1000:F0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| exact top-10 search over {IndexSize:N0} entries (median of 50) | {timing.SearchMilliseconds:F1} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| embed one query with the fine-tuned model, libtorch (median of 20) | {timing.EmbedMilliseconds:F1} ms |");
        return text.ToString();
    }

    private static void Rows(StringBuilder text, RunResult run)
    {
        foreach (var (model, evaluation) in new[] { ("fine-tuned", run.Tuned), ("untuned", run.Baseline) })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {model} | {evaluation.RecallAt1:P2} | {evaluation.RecallAt5:P2} | {evaluation.MrrAt10:F4} | " +
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

    private static string StringOption(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
