using SuperTune.Core.Redaction;
using SuperTune.Training.Jobs;

namespace SuperTune.Cli.Commands;

/// <summary>
/// Redacted copies of a classification run's data files in a temporary folder, deleted on dispose, so the classifier
/// trains on them without its job knowing about redaction.
/// </summary>
internal sealed class RedactedCopies : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-redacted-").FullName;

    public RedactedCopies(TrainRequest request, Redactor redactor)
    {
        var files = new FileRedactor(redactor);
        int copies = 0;
        string? Copy(string? path)
        {
            if (path is null) return null;
            // One subfolder per file keeps the original file name, which logs and report.md show.
            string copy = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, $"{copies++}")).FullName,
                Path.GetFileName(path));
            files.Redact(path, copy, [request.Data.TextColumn], request.Data.Format);
            return copy;
        }

        Request = request with
        {
            DataPath = Copy(request.DataPath)!,
            ValidationPath = Copy(request.ValidationPath),
            TestPath = Copy(request.TestPath),
        };
    }

    /// <summary>The request with every data path replaced by its redacted copy.</summary>
    public TrainRequest Request { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
