using System.Text.Json;
using SuperTune.Core.Data;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

public sealed class TokenizerSettingsTests
{
    [Fact]
    public void MissingFileGivesDefaults()
    {
        using var folder = new TemporaryFolder();

        TokenizerSettings settings = TokenizerSettings.Load(folder.File("tokenizer_config.json"));

        Assert.Equal(new TokenizerSettings(), settings);
        Assert.True(settings.DoLowerCase);
        Assert.Null(settings.StripAccents);
        Assert.True(settings.ShouldStripAccents);
        Assert.True(settings.TokenizeChineseChars);
        Assert.Equal(512, settings.ModelMaxLength);
        Assert.Equal("[CLS]", settings.ClsToken);
        Assert.Equal("[SEP]", settings.SepToken);
        Assert.Equal("[PAD]", settings.PadToken);
        Assert.Equal("[UNK]", settings.UnkToken);
        Assert.Equal("[MASK]", settings.MaskToken);
    }

    [Fact]
    public void LoadsHuggingFaceConfig()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("tokenizer_config.json");
        File.WriteAllText(path, """
            {
              "clean_up_tokenization_spaces": true,
              "cls_token": "<cls>",
              "do_basic_tokenize": true,
              "do_lower_case": false,
              "mask_token": {"__type": "AddedToken", "content": "<mask>", "lstrip": true},
              "model_max_length": 128,
              "never_split": null,
              "pad_token": "<pad>",
              "sep_token": "<sep>",
              "strip_accents": true,
              "tokenize_chinese_chars": false,
              "tokenizer_class": "BertTokenizer",
              "unk_token": "<unk>"
            }
            """);

        TokenizerSettings settings = TokenizerSettings.Load(path);

        var expected = new TokenizerSettings
        {
            DoLowerCase = false, StripAccents = true, TokenizeChineseChars = false, ModelMaxLength = 128,
            ClsToken = "<cls>", SepToken = "<sep>", PadToken = "<pad>", UnkToken = "<unk>", MaskToken = "<mask>",
        };
        Assert.Equal(expected, settings);
    }

    [Fact]
    public void NoLimitMaxLengthReadsAsIntMax()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("tokenizer_config.json");
        File.WriteAllText(path, """{"model_max_length": 1000000000000000019884624838656}""");

        TokenizerSettings settings = TokenizerSettings.Load(path);

        Assert.Equal(int.MaxValue, settings.ModelMaxLength);
    }

    [Fact]
    public void MalformedJsonNamesFileAndLine()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("tokenizer_config.json");
        File.WriteAllText(path, "{\n  \"do_lower_case\": true,\n  oops\n}");

        var exception = Assert.Throws<DataException>(() => TokenizerSettings.Load(path));

        Assert.Equal(path, exception.File);
        Assert.Equal(3, exception.Line);
        Assert.StartsWith($"{path}:3:", exception.Message);
    }

    [Theory]
    [InlineData("""{"do_lower_case": "yes"}""", "do_lower_case")]
    [InlineData("""{"strip_accents": 1}""", "strip_accents")]
    [InlineData("""{"tokenize_chinese_chars": null}""", "tokenize_chinese_chars")]
    [InlineData("""{"model_max_length": "512"}""", "model_max_length")]
    [InlineData("""{"model_max_length": 12.5}""", "model_max_length")]
    [InlineData("""{"model_max_length": 1}""", "model_max_length")]
    [InlineData("""{"cls_token": 5}""", "cls_token")]
    [InlineData("""{"unk_token": "not one token"}""", "unk_token")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{"cls_token": "\ud800"}""", "cls_token")]
    [InlineData("""{"sep_token": {"content": "\udc00\ud800"}}""", "sep_token")]
    [InlineData("""{"\ud800": true, "do_lower_case": true}""", "a key")]
    public void WrongValueNamesFileAndKey(string json, string expectedInMessage)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("tokenizer_config.json");
        File.WriteAllText(path, json);

        var exception = Assert.Throws<SuperTuneException>(() => TokenizerSettings.Load(path));

        Assert.StartsWith(path + ":", exception.Message);
        Assert.Contains(expectedInMessage, exception.Message);
        Assert.NotNull(exception.Hint);
    }

    [Fact]
    public void BasicTokenizationOffIsRejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("tokenizer_config.json");
        File.WriteAllText(path, """{"do_basic_tokenize": false}""");

        var exception = Assert.Throws<SuperTuneException>(() => TokenizerSettings.Load(path));

        Assert.Contains("do_basic_tokenize", exception.Message);
    }

    [Fact]
    public void SaveWritesHuggingFaceKeys()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("tokenizer_config.json");

        new TokenizerSettings { DoLowerCase = false, ModelMaxLength = 256 }.Save(path);

        using JsonDocument saved = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = saved.RootElement;
        Assert.Equal("BertTokenizer", root.GetProperty("tokenizer_class").GetString());
        Assert.False(root.GetProperty("do_lower_case").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("strip_accents").ValueKind);
        Assert.True(root.GetProperty("tokenize_chinese_chars").GetBoolean());
        Assert.Equal(256, root.GetProperty("model_max_length").GetInt32());
        Assert.Equal("[CLS]", root.GetProperty("cls_token").GetString());
        Assert.Equal("[SEP]", root.GetProperty("sep_token").GetString());
        Assert.Equal("[PAD]", root.GetProperty("pad_token").GetString());
        Assert.Equal("[UNK]", root.GetProperty("unk_token").GetString());
        Assert.Equal("[MASK]", root.GetProperty("mask_token").GetString());
    }

    [Fact]
    public void SaveThenLoadRoundTrips()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "new-folder", "tokenizer_config.json");
        var settings = new TokenizerSettings
        {
            DoLowerCase = false, StripAccents = false, TokenizeChineseChars = false, ModelMaxLength = 64,
            ClsToken = "<s>", SepToken = "</s>", PadToken = "<pad>", UnkToken = "<unk>", MaskToken = "<mask>",
        };

        settings.Save(path);
        settings.Save(path);

        Assert.Equal(settings, TokenizerSettings.Load(path));
        string[] files = [.. Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName)!];
        Assert.Equal(["tokenizer_config.json"], files);
    }

    [Fact]
    public void ValidateListsEveryProblem()
    {
        var settings = new TokenizerSettings { ModelMaxLength = 0, ClsToken = "", SepToken = "a b" };

        IReadOnlyList<string> problems = settings.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("model_max_length"));
        Assert.Contains(problems, problem => problem.Contains("cls_token"));
        Assert.Contains(problems, problem => problem.Contains("sep_token"));
    }
}
