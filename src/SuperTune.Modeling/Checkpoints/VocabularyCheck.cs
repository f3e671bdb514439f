using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;

namespace SuperTune.Modeling.Checkpoints;

/// <summary>Checks that a folder's vocab.txt fits the embedding table its config.json describes.</summary>
public static class VocabularyCheck
{
    /// <summary>
    /// Raises an error naming vocab.txt when it has more tokens than <c>vocab_size</c>: their ids would index past
    /// the word-embedding table. Fewer tokens are fine, as some checkpoints pad the table.
    /// </summary>
    public static void Require(BertWordPieceTokenizer tokenizer, BertConfig config, string folder)
    {
        if (tokenizer.VocabularySize <= config.VocabSize) return;
        throw new SuperTuneException(
            $"{Path.Combine(folder, BertWordPieceTokenizer.VocabularyFileName)} has {tokenizer.VocabularySize} tokens " +
            $"but config.json gives vocab_size {config.VocabSize}; the vocabulary does not belong to these weights.",
            "Restore the vocab.txt that was saved with the model.");
    }
}
