using SuperTune.Core.Data;

namespace SuperTune.Core.Entities;

/// <summary>
/// Collects the problems of an entity data file so that all of them are reported at once, each as file:line.
/// </summary>
internal sealed class TaggedDataProblems(string file)
{
    private const int MaxListed = 30;

    private readonly List<(int Line, string Message)> _problems = [];

    public int Count => _problems.Count;

    public void Add(int line, string message) => _problems.Add((line, message));

    /// <summary>Throws a <see cref="DataException"/> located at the first problem and listing the others.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count == 0)
        {
            return;
        }

        (int line, string message) = _problems[0];
        string more = _problems.Count == 1 ? "" : $" ({_problems.Count - 1} more problems follow)";
        IEnumerable<string> others = _problems.Skip(1).Take(MaxListed)
            .Select(p => $"{DataException.FormatLocation(file, p.Line, null)}: {p.Message}");
        string hint = string.Join(Environment.NewLine, others);
        if (_problems.Count - 1 > MaxListed)
        {
            hint += $"{Environment.NewLine}... and {_problems.Count - 1 - MaxListed} more.";
        }

        throw new DataException(file, line, null, message + more, hint.Length == 0 ? null : hint);
    }
}
