using System.Text.Json;
using SuperTune.Core.Data;

namespace SuperTune.Core.Tokenization;

/// <summary>Reads and writes <see cref="TokenizerSettings"/> as Hugging Face's tokenizer_config.json.</summary>
internal static class TokenizerConfigFile
{
    private const string EditHint = "Fix the value in the file, or delete the key to use the default.";

    public static TokenizerSettings Read(string path)
    {
        using JsonDocument document = Parse(path);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SuperTuneException($"{path}: expected a JSON object, found {root.ValueKind}.", EditHint);
        }

        if (JsonStrings.HasUndecodableName(root))
        {
            throw new SuperTuneException(
                $"{path}: a key contains an escaped lone surrogate, which is not valid Unicode text.",
                JsonStrings.LoneSurrogateHint);
        }

        if (root.TryGetProperty("do_basic_tokenize", out JsonElement basic) && basic.ValueKind == JsonValueKind.False)
        {
            throw new SuperTuneException(
                $"{path}: do_basic_tokenize is false, which SuperTune does not support.",
                "SuperTune always cleans, lowercases and splits on punctuation before WordPiece; "
                + "use a checkpoint whose tokenizer does the same.");
        }

        var defaults = new TokenizerSettings();
        var settings = new TokenizerSettings
        {
            DoLowerCase = ReadBoolean(root, path, "do_lower_case", defaults.DoLowerCase),
            StripAccents = ReadNullableBoolean(root, path, "strip_accents"),
            TokenizeChineseChars = ReadBoolean(root, path, "tokenize_chinese_chars", defaults.TokenizeChineseChars),
            ModelMaxLength = ReadLength(root, path, "model_max_length", defaults.ModelMaxLength),
            ClsToken = ReadToken(root, path, "cls_token", defaults.ClsToken),
            SepToken = ReadToken(root, path, "sep_token", defaults.SepToken),
            PadToken = ReadToken(root, path, "pad_token", defaults.PadToken),
            UnkToken = ReadToken(root, path, "unk_token", defaults.UnkToken),
            MaskToken = ReadToken(root, path, "mask_token", defaults.MaskToken),
        };

        IReadOnlyList<string> problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new SuperTuneException($"{path}: {string.Join(" ", problems)}", EditHint);
        }

        return settings;
    }

    public static void Write(TokenizerSettings settings, string path)
    {
        string fullPath = Path.GetFullPath(path);
        string temporaryPath = fullPath + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            using (FileStream stream = File.Create(temporaryPath))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                WriteObject(settings, writer);
            }

            // Replace the old file only once the new one is complete.
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteIfPossible(temporaryPath);
            throw new SuperTuneException($"{path}: failed to write the tokenizer settings: {e.Message}",
                "Check that the folder exists and is writable.", e);
        }
    }

    private static void DeleteIfPossible(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write error that got us here is the one to report.
        }
    }

    private static void WriteObject(TokenizerSettings settings, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("tokenizer_class", "BertTokenizer");
        writer.WriteBoolean("do_lower_case", settings.DoLowerCase);
        if (settings.StripAccents is bool stripAccents)
        {
            writer.WriteBoolean("strip_accents", stripAccents);
        }
        else
        {
            writer.WriteNull("strip_accents");
        }

        writer.WriteBoolean("tokenize_chinese_chars", settings.TokenizeChineseChars);
        writer.WriteNumber("model_max_length", settings.ModelMaxLength);
        writer.WriteString("cls_token", settings.ClsToken);
        writer.WriteString("sep_token", settings.SepToken);
        writer.WriteString("pad_token", settings.PadToken);
        writer.WriteString("unk_token", settings.UnkToken);
        writer.WriteString("mask_token", settings.MaskToken);
        writer.WriteEndObject();
    }

    private static JsonDocument Parse(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"{path}: failed to read the tokenizer settings: {e.Message}",
                "Check that the file is readable.", e);
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1;
            int column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new DataException(path, line, column, $"invalid JSON: {e.Message}",
                "tokenizer_config.json must be one JSON object, as Hugging Face writes it.");
        }
    }

    private static bool ReadBoolean(JsonElement root, string path, string key, bool defaultValue)
    {
        if (!root.TryGetProperty(key, out JsonElement value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(path, key, "true or false", value),
        };
    }

    private static bool? ReadNullableBoolean(JsonElement root, string path, string key)
    {
        if (!root.TryGetProperty(key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw WrongType(path, key, "true, false or null", value),
        };
    }

    private static int ReadLength(JsonElement root, string path, string key, int defaultValue)
    {
        if (!root.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(path, key, "a whole number", value);
        }

        // Python's json writes Hugging Face's "no limit" value int(1e30) as a 31-digit integer.
        if (value.TryGetInt64(out long whole))
        {
            return (int)Math.Clamp(whole, int.MinValue, int.MaxValue);
        }

        double number = value.GetDouble();
        if (number != Math.Floor(number))
        {
            throw WrongType(path, key, "a whole number", value);
        }

        return number > int.MaxValue ? int.MaxValue : int.MinValue;
    }

    // Hugging Face writes a special token either as a string or as an AddedToken object with "content".
    private static string ReadToken(JsonElement root, string path, string key, string defaultValue)
    {
        if (!root.TryGetProperty(key, out JsonElement value))
        {
            return defaultValue;
        }

        JsonElement text = value;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("content", out JsonElement content))
        {
            text = content;
        }

        if (JsonStrings.TryGetText(text, out string? token))
        {
            return token;
        }

        if (text.ValueKind == JsonValueKind.String)
        {
            throw new SuperTuneException(
                $"{path}: {key} contains an escaped lone surrogate, which is not valid Unicode text.",
                JsonStrings.LoneSurrogateHint);
        }

        throw WrongType(path, key, "a string or an object with a \"content\" string", value);
    }

    private static SuperTuneException WrongType(string path, string key, string expected, JsonElement value)
    {
        const int MaxQuotedLength = 60;
        string text = value.GetRawText();
        string quoted = text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "...";
        return new SuperTuneException($"{path}: {key} must be {expected}, but is {quoted}.", EditHint);
    }
}
