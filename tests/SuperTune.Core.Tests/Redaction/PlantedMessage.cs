namespace SuperTune.Core.Tests.Redaction;

/// <summary>A generated support message and the personal data planted in it.</summary>
/// <param name="Planted">Kind and UTF-16 range of each planted value.</param>
/// <param name="LookAlikes">UTF-16 ranges of numbers that resemble a card or IBAN but fail its checksum.</param>
public sealed record PlantedMessage(
    string Text, IReadOnlyList<(string Kind, int Start, int End)> Planted, IReadOnlyList<(int Start, int End)> LookAlikes);
