using System.Text;
using Google.Protobuf;
using Onnx;
using SuperTune.Core;
using SuperTune.Core.Entities;
using SuperTune.Core.Predictions;
using SuperTune.Inference;
using SuperTune.Training.Entities;

namespace SuperTune.Export.Tests;

/// <summary>
/// The ONNX Runtime tagger against the TorchSharp predictor on the same random tiny tagger, and the offsets of its
/// spans on texts where UTF-16 and code point offsets differ.
/// </summary>
public class OnnxEntityTaggerTests
{
    private const double ScoreTolerance = 1e-4;

    private static readonly OnnxClassifierOptions OneThread = new() { IntraOpThreads = 1 };

    [Theory]
    [InlineData(7)]
    [InlineData(13)]
    public void SpansMatchTorchSharp(int seed)
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path, seed);
        OnnxExporter.Export(folder.Path);
        string[] texts = [.. TinyTaggerFolder.HardTexts, "fly from new york to lisbon with maria", "anna"];

        var (expected, actual) = PredictBoth(folder.Path, texts);

        Assert.Contains(actual, result => result.Entities.Count > 0);
        AssertSameEntities(expected, actual);
    }

    [Fact]
    public void TruncatedTextMatchesTorchSharp()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path, maxLength: 8);
        OnnxExporter.Export(folder.Path);
        string[] texts = ["fly from new york to lisbon with anna and maria tomorrow", "fly to rome"];

        var (expected, actual) = PredictBoth(folder.Path, texts);

        Assert.True(actual[0].Truncated);
        Assert.False(actual[1].Truncated);
        Assert.All(actual[0].Entities, entity => Assert.True(entity.End <= "fly from new york to lisbon".Length));
        AssertSameEntities(expected, actual);
    }

    [Fact]
    public void BatchSizeDoesNotChangeSpans()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path);
        OnnxExporter.Export(folder.Path);
        using var batched = OnnxEntityTagger.Load(folder.Path, OneThread);
        using var single = OnnxEntityTagger.Load(folder.Path, OneThread with { MaxBatchSize = 1 });

        var expected = single.Predict(TinyTaggerFolder.HardTexts);
        var actual = batched.Predict(TinyTaggerFolder.HardTexts);

        Assert.Equal(TinyTaggerFolder.HardTexts.Length, single.InferenceRunCount);
        Assert.Equal(1, batched.InferenceRunCount);
        AssertSameEntities(expected, actual);
    }

    [Theory]
    [MemberData(nameof(HardTexts))]
    public void EveryWordSlicesItsText(string text)
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path, favoredTag: "B-city");
        OnnxExporter.Export(folder.Path);
        using var tagger = OnnxEntityTagger.Load(folder.Path, OneThread);

        var entities = tagger.Predict([text])[0].Entities;

        var words = WordSplitter.Split(text);
        Assert.Equal(words.Select(word => word.Of(text)), entities.Select(entity => entity.Text));
        foreach (var entity in entities)
        {
            Assert.Equal("city", entity.Label);
            Assert.Equal(entity.Text, text[entity.Start..entity.End]);
            Assert.Equal(CodePoints(text[..entity.Start]), entity.CodePointStart);
            Assert.Equal(CodePoints(text[..entity.End]), entity.CodePointEnd);
            Assert.Equal(entity.Text, SliceCodePoints(text, entity.CodePointStart, entity.CodePointEnd));
        }
    }

    [Theory]
    [MemberData(nameof(HardTexts))]
    public void SpanKeepsInnerWhitespace(string text)
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path, favoredTag: "I-person");
        OnnxExporter.Export(folder.Path);
        using var tagger = OnnxEntityTagger.Load(folder.Path, OneThread);

        var entity = Assert.Single(tagger.Predict([text])[0].Entities);

        var words = WordSplitter.Split(text);
        Assert.Equal("person", entity.Label);
        Assert.Equal(words[0].Start, entity.Start);
        Assert.Equal(words[^1].End, entity.End);
        Assert.Equal(text.Trim(), entity.Text);
        Assert.Equal(CodePoints(text[..entity.End]), entity.CodePointEnd);
    }

    [Fact]
    public void ClassifierLoaderRejectsTagger()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path);
        OnnxExporter.Export(folder.Path);

        var error = Assert.Throws<SuperTuneException>(() => Inference.OnnxClassifier.Load(folder.Path, OneThread));

        Assert.Contains(folder.File("model.onnx"), error.Message);
        Assert.Contains("\"entities\"", error.Message);
        Assert.Contains("--entity-model", error.Hint);
    }

    [Fact]
    public void TaggerLoaderRejectsClassifier()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, Core.Models.PoolingNames.Mean);
        OnnxExporter.Export(folder.Path);

        var error = Assert.Throws<SuperTuneException>(() => OnnxEntityTagger.Load(folder.Path, OneThread));

        Assert.Contains(folder.File("model.onnx"), error.Message);
        Assert.Contains("\"classify\"", error.Message);
        Assert.Contains("serve --model", error.Hint);
    }

    [Theory]
    [InlineData("""["O","B-city","I-city","person","I-person"]""", "contains \"person\"")]
    [InlineData("""["O","B-","I-city","B-person","I-person"]""", "contains \"B-\"")]
    public void NonBioTagsAreRejected(string labels, string problem)
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path);
        var path = OnnxExporter.Export(folder.Path);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.MetadataProps.Single(entry => entry.Key == OnnxMetadataKeys.Labels).Value = labels;
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<SuperTuneException>(() => OnnxEntityTagger.Load(folder.Path, OneThread));

        Assert.Contains(path, error.Message);
        Assert.Contains("must be BIO tags", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void MissingModelFileNamesExport()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path);

        var error = Assert.Throws<SuperTuneException>(() => OnnxEntityTagger.Load(folder.Path, OneThread));

        Assert.Contains("has no model.onnx", error.Message);
        Assert.Contains("supertune export", error.Hint);
    }

    public static TheoryData<string> HardTexts() => [.. TinyTaggerFolder.HardTexts];

    private static (IReadOnlyList<EntityResult> Expected, IReadOnlyList<EntityResult> Actual) PredictBoth(
        string folder, IReadOnlyList<string> texts)
    {
        using var predictor = EntityPredictor.Load(folder);
        using var tagger = OnnxEntityTagger.Load(folder, OneThread);
        return (predictor.Predict(texts), tagger.Predict(texts));
    }

    private static void AssertSameEntities(IReadOnlyList<EntityResult> expected, IReadOnlyList<EntityResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Truncated, actual[i].Truncated);
            Assert.Equal(expected[i].Entities.Select(WithoutScore), actual[i].Entities.Select(WithoutScore));
            foreach (var (left, right) in expected[i].Entities.Zip(actual[i].Entities))
            {
                Assert.True(Math.Abs(left.Score - right.Score) < ScoreTolerance,
                    $"text {i}: score {left.Score} vs {right.Score} for \"{left.Text}\"");
            }
        }
    }

    private static PredictedEntity WithoutScore(PredictedEntity entity) => entity with { Score = 0 };

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    private static string SliceCodePoints(string text, int start, int end)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes().Skip(start).Take(end - start)) builder.Append(rune.ToString());
        return builder.ToString();
    }
}
