namespace SuperTune.Core;

/// <summary>
/// A failure caused by the user's input (a file, an option, a model folder) rather than by a bug.
/// The command line prints <see cref="Exception.Message"/> and <see cref="Hint"/> and exits non-zero.
/// </summary>
public class SuperTuneException : Exception
{
    public SuperTuneException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
    }

    /// <summary>What the user can do about the failure, or null when the message already states it.</summary>
    public string? Hint { get; }
}
