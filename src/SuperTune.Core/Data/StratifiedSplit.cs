namespace SuperTune.Core.Data;

/// <summary>Splits labelled examples into training and validation parts with the same label proportions.</summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Splits each label's examples into training and validation. Validation gets round(count x fraction)
    /// examples of each label, rounded half away from zero and kept between 1 and count - 1, so every label
    /// appears in both parts. Each label's examples are shuffled with one <see cref="Random"/> seeded with
    /// <paramref name="seed"/>, labels taken in ordinal order, so the same input and seed give the same split.
    /// </summary>
    /// <param name="examples">Examples that all have a label, at least 2 of each label.</param>
    /// <param name="fraction">Share of each label that goes to validation, between 0 and 1 exclusive.</param>
    /// <param name="seed">Seed for the shuffle.</param>
    /// <returns>Both parts, each in the order of <paramref name="examples"/>.</returns>
    /// <exception cref="ArgumentException">An example has no label, or a label has fewer than 2 examples.</exception>
    public static (IReadOnlyList<TextExample> Train, IReadOnlyList<TextExample> Validation) Split(
        IReadOnlyList<TextExample> examples, double fraction, int seed)
    {
        ValidateFraction(fraction);
        var indicesByLabel = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < examples.Count; i++)
        {
            string label = examples[i].Label ?? throw new ArgumentException(
                $"The example on line {examples[i].Line} has no label, so it cannot be split by label.",
                nameof(examples));
            if (!indicesByLabel.TryGetValue(label, out List<int>? indices))
            {
                indices = [];
                indicesByLabel.Add(label, indices);
            }

            indices.Add(i);
        }

        var random = new Random(seed);
        var inValidation = new bool[examples.Count];
        foreach ((string label, List<int> indices) in indicesByLabel)
        {
            if (indices.Count < 2)
            {
                throw new ArgumentException(
                    $"Label \"{label}\" has {indices.Count} example, and a stratified split needs at least 2. "
                    + $"Call {nameof(DatasetValidation)}.{nameof(DatasetValidation.RequireStratifiable)} first.",
                    nameof(examples));
            }

            int[] shuffled = [.. indices];
            random.Shuffle(shuffled);
            int validationCount = Math.Clamp(
                (int)Math.Round(indices.Count * fraction, MidpointRounding.AwayFromZero), 1, indices.Count - 1);
            foreach (int index in shuffled.AsSpan(0, validationCount))
            {
                inValidation[index] = true;
            }
        }

        var train = new List<TextExample>();
        var validation = new List<TextExample>();
        for (int i = 0; i < examples.Count; i++)
        {
            (inValidation[i] ? validation : train).Add(examples[i]);
        }

        return (train, validation);
    }

    internal static void ValidateFraction(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(fraction), fraction, "The validation fraction must be between 0 and 1, both exclusive.");
        }
    }
}
