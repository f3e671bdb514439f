using SuperTune.Core.Models;

namespace SuperTune.Modeling.Tests;

/// <summary>A small random BERT configuration that keeps unit tests to seconds.</summary>
public static class TinyBert
{
    public static BertConfig Config(int labels = 3) => new BertConfig
    {
        VocabSize = 99,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 37,
        MaxPositionEmbeddings = 64,
        TypeVocabSize = 2,
    }.WithLabels(Enumerable.Range(0, labels).Select(i => $"label_{i}").ToList());
}
