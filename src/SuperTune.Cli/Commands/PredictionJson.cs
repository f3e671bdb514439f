using System.Text.Encodings.Web;
using System.Text.Json;

namespace SuperTune.Cli.Commands;

/// <summary>JSON settings for printed predictions: compact, with non-ASCII text left readable.</summary>
internal static class PredictionJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
