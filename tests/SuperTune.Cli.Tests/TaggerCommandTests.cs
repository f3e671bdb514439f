using System.Text.Json;
using SuperTune.Export;
using SuperTune.Export.Tests;

namespace SuperTune.Cli.Tests;

/// <summary>`predict` and `redact --model` on a tiny random tagger, with and without its model.onnx.</summary>
public sealed class TaggerCommandTests : IDisposable
{
    private static readonly string[] Texts = ["fly to Lisbon 😀 with Anna", "book   a table for Maria"];

    private readonly string folder = Directory.CreateTempSubdirectory("supertune-cli-tagger-").FullName;

    [Fact]
    public void PredictWithoutOnnxWarns()
    {
        string model = Path.Combine(folder, "tagger");
        TinyTaggerFolder.Create(model);

        var result = CliRunner.Run("predict", "--model", model, "--text", Texts[0], "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"warning: {model} has no model.onnx, so the tagger runs on TorchSharp", result.Error);
        Assert.Contains("supertune export --model", result.Error);
        Assert.Contains("\"entities\"", result.Output);
    }

    [Fact]
    public void PredictUsesExportedTagger()
    {
        string model = Path.Combine(folder, "tagger");
        TinyTaggerFolder.Create(model);
        var torch = CliRunner.Run("predict", "--model", model, "--text", Texts[0], "--text", Texts[1], "--json");
        OnnxExporter.Export(model);

        var onnx = CliRunner.Run("predict", "--model", model, "--text", Texts[0], "--text", Texts[1], "--json");

        Assert.Equal(0, onnx.ExitCode);
        Assert.Equal("", onnx.Error);
        Assert.Equal(Spans(torch.Output), Spans(onnx.Output));
        Assert.NotEmpty(Spans(onnx.Output));
    }

    [Fact]
    public void PredictReadsExportOnlyFolder()
    {
        string model = Path.Combine(folder, "tagger");
        TinyTaggerFolder.Create(model, favoredTag: "B-city");
        OnnxExporter.Export(model);
        File.Delete(Path.Combine(model, "config.json"));
        File.Delete(Path.Combine(model, "model.safetensors"));

        var result = CliRunner.Run("predict", "--model", model, "--text", "fly to rome");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("city \"rome\" [7, 11)", result.Output);
    }

    [Fact]
    public void RedactCombinesDetectorsWithExportedTagger()
    {
        string model = Path.Combine(folder, "tagger");
        TinyTaggerFolder.Create(model, favoredTag: "B-person");
        OnnxExporter.Export(model);
        string input = Path.Combine(folder, "tickets.jsonl");
        File.WriteAllText(input, "{\"text\": \"call anna at jo@example.com\"}\n");
        string output = Path.Combine(folder, "tickets.redacted.jsonl");

        var result = CliRunner.Run("redact", "--in", input, "--out", output, "--model", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal("{\"text\":\"[PERSON] [PERSON] [PERSON] [EMAIL]\"}", File.ReadAllText(output).Trim());
        Assert.Contains("1 EMAIL, 3 PERSON", result.Output);
    }

    [Fact]
    public void RedactRejectsClassifierModel()
    {
        string model = Path.Combine(folder, "intents");
        TinyClassifierFolder.Create(model, "mean");
        OnnxExporter.Export(model);
        string input = Path.Combine(folder, "tickets.jsonl");
        File.WriteAllText(input, "{\"text\": \"hello\"}\n");

        var result = CliRunner.Run("redact", "--in", input, "--out", Path.Combine(folder, "out.jsonl"), "--model", model);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(model, "config.json"), result.Error);
        Assert.Contains("not an entity tagger", result.Error);
    }

    [Fact]
    public void ExportWritesTaggerGraph()
    {
        string model = Path.Combine(folder, "tagger");
        TinyTaggerFolder.Create(model);

        var result = CliRunner.Run("export", "--model", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Wrote {Path.Combine(model, "model.onnx")}", result.Output);
    }

    [Fact]
    public void ServeRejectsClassifierAsEntityModel()
    {
        string model = Path.Combine(folder, "intents");
        TinyClassifierFolder.Create(model, "mean");
        OnnxExporter.Export(model);

        var result = CliRunner.Run("serve", "--model", model, "--entity-model", model, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Path.Combine(model, "model.onnx")}: supertune.task is \"classify\"", result.Error);
        Assert.Contains("hint: This is a text classifier: serve it with `supertune serve --model`.", result.Error);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // Returns the label and offsets of every entity. Scores differ in the last float digits, so they are left out.
    private static List<string> Spans(string jsonLines) =>
        [.. jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(line =>
            JsonDocument.Parse(line).RootElement.GetProperty("entities").EnumerateArray().Select(entity =>
                $"{entity.GetProperty("label")} {entity.GetProperty("start")} {entity.GetProperty("end")} "
                + $"{entity.GetProperty("code_point_start")} {entity.GetProperty("code_point_end")}"))];
}
