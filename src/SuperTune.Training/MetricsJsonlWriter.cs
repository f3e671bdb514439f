using System.Text.Json;

namespace SuperTune.Training;

/// <summary>Appends one JSON object per line to <c>metrics.jsonl</c>, flushed per record; a null path writes nothing.</summary>
internal sealed class MetricsJsonlWriter : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly StreamWriter? writer;

    public MetricsJsonlWriter(string? path)
    {
        if (path is not null) writer = new StreamWriter(path, append: true);
    }

    public void Write(object record)
    {
        if (writer is null) return;
        writer.WriteLine(JsonSerializer.Serialize(record, JsonOptions));
        writer.Flush();
    }

    public void Dispose() => writer?.Dispose();
}
