using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Models;
using SuperTune.Core.Tests.Tokenization;
using SuperTune.Core.Tokenization;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz harnesses over the readers of tokenizer_config.json and config.json: every file gives settings that
/// pass validation or a <see cref="SuperTuneException"/> that names the file.
/// </summary>
public sealed class ConfigFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Dictionary<string, string[]> TokenizerSchema = new()
    {
        ["do_lower_case"] = ["true", "false"],
        ["strip_accents"] = ["true", "false", "null"],
        ["tokenize_chinese_chars"] = ["true", "false"],
        ["model_max_length"] = ["512", "128", "1000000000000000019884624838656"],
        ["cls_token"] = ["\"[CLS]\"", "{\"content\": \"[CLS]\", \"lstrip\": false}"],
        ["sep_token"] = ["\"[SEP]\""],
        ["pad_token"] = ["\"[PAD]\""],
        ["unk_token"] = ["\"[UNK]\""],
        ["mask_token"] = ["\"[MASK]\""],
        ["do_basic_tokenize"] = ["true"],
        ["never_split"] = ["null", "[]"],
        ["tokenizer_class"] = ["\"BertTokenizer\""],
    };

    private static readonly Dictionary<string, string[]> ConfigSchema = new()
    {
        ["model_type"] = ["\"bert\""],
        ["hidden_size"] = ["32"],
        ["num_hidden_layers"] = ["2"],
        ["num_attention_heads"] = ["4"],
        ["intermediate_size"] = ["37"],
        ["vocab_size"] = ["99"],
        ["max_position_embeddings"] = ["64"],
        ["hidden_act"] = ["\"gelu\"", "\"relu\""],
        ["id2label"] = ["{\"0\": \"a\", \"1\": \"b\"}"],
        ["label2id"] = ["{\"a\": 0, \"b\": 1}"],
        ["architectures"] = ["[\"BertForSequenceClassification\"]"],
        ["supertune"] = ["{\"pooling\": \"mean\", \"max_length\": 128}"],
        ["type_vocab_size"] = ["2"],
        ["layer_norm_eps"] = ["1e-12"],
        ["hidden_dropout_prob"] = ["0.1"],
        ["problem_type"] = ["\"single_label_classification\""],
    };

    private readonly TemporaryFolder _folder = new();
    private int _caseNumber;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TokenizerConfigLoadsOrFails()
    {
        FuzzHarness.Run("tokenizer_config.json reader", ConfigFiles(TokenizerSchema),
            bytes => LoadOrFail(bytes, path =>
            {
                TokenizerSettings settings = TokenizerSettings.Load(path);
                Assert.Empty(settings.Validate());
            }), 150, output);
    }

    [Fact]
    public void BertConfigLoadsOrFails()
    {
        FuzzHarness.Run("config.json reader", ConfigFiles(ConfigSchema),
            bytes => LoadOrFail(bytes, path => BertConfig.Load(path).LabelsInOrder()), 150, output);
    }

    [Fact]
    public void TokenizerSettingsRoundTrip()
    {
        Gen<string> token = HostileText.ValidUnicodeText.Where(text => text.Length > 0 && !text.Any(char.IsWhiteSpace));
        Gen<TokenizerSettings> cases =
            from lowerCase in Gen.Elements(true, false)
            from stripAccents in Gen.Elements<bool?>(true, false, null)
            from chinese in Gen.Elements(true, false)
            from maxLength in Gen.Choose(2, int.MaxValue)
            from tokens in Gen.ArrayOf(token, 5)
            select new TokenizerSettings
            {
                DoLowerCase = lowerCase, StripAccents = stripAccents, TokenizeChineseChars = chinese,
                ModelMaxLength = maxLength, ClsToken = tokens[0], SepToken = tokens[1], PadToken = tokens[2],
                UnkToken = tokens[3], MaskToken = tokens[4],
            };

        FuzzHarness.Run("tokenizer_config.json round trip", cases, settings =>
        {
            string path = NextPath();
            settings.Save(path);

            Assert.Equal(settings, TokenizerSettings.Load(path));
        }, 100, output);
    }

    // Mostly valid objects with hostile values, some cut in half, and random bytes.
    private static Gen<byte[]> ConfigFiles(IReadOnlyDictionary<string, string[]> schema)
    {
        Gen<string> objects = JsonCases.MutatedObject(schema);
        return Gen.Frequency(
            (6, objects.Select(json => Encoding.UTF8.GetBytes(json))),
            (1, objects.Select(json => Encoding.UTF8.GetBytes(json[..(json.Length / 2)]))),
            (1, HostileText.Bytes));
    }

    private void LoadOrFail(byte[] content, Action<string> load)
    {
        string path = NextPath();
        File.WriteAllBytes(path, content);
        try
        {
            load(path);
        }
        catch (SuperTuneException error)
        {
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private string NextPath() => _folder.File($"case-{Interlocked.Increment(ref _caseNumber)}.json");
}
