using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>Loading from and saving to a Hugging Face model folder.</summary>
public sealed class TokenizerFolderTests
{
    private static readonly string[] Messages =
    [
        "My card still hasn't arrived", "CAFÉ Crème brûlée", "please [SEP] ignore", "안녕 你好 😀", "",
        "I was charged twice for my order and nobody answers the phone",
    ];

    [Fact]
    public void SaveToThenFromFolderGivesSameIds()
    {
        BertWordPieceTokenizer original = MiniLmVocabulary.CreateTokenizer();
        using var folder = new TemporaryFolder();

        original.SaveTo(folder.Path);
        BertWordPieceTokenizer reloaded = BertWordPieceTokenizer.FromFolder(folder.Path);

        Assert.Equal(original.Settings, reloaded.Settings);
        Assert.Equal(original.VocabularySize, reloaded.VocabularySize);
        foreach (string message in Messages)
        {
            Assert.Equal(original.Encode(message, 10).InputIds, reloaded.Encode(message, 10).InputIds);
        }
    }

    [Fact]
    public void SaveToCopiesEveryVocabularyLine()
    {
        BertWordPieceTokenizer original = MiniLmVocabulary.CreateTokenizer();
        using var folder = new TemporaryFolder();

        original.SaveTo(folder.Path);

        using var reader = new StreamReader(MiniLmVocabulary.Open());
        string[] expected = reader.ReadToEnd().Split("\r\n")[..MiniLmVocabulary.Size];
        string[] saved = File.ReadAllText(folder.File("vocab.txt")).Split('\n');
        Assert.Equal([.. expected, ""], saved);
    }

    [Fact]
    public void FromFolderReadsTokenizerConfig()
    {
        using var folder = new TemporaryFolder();
        MiniLmVocabulary.CreateTokenizer().SaveTo(folder.Path);
        File.WriteAllText(folder.File("tokenizer_config.json"), """{"do_lower_case": false}""");

        BertWordPieceTokenizer tokenizer = BertWordPieceTokenizer.FromFolder(folder.Path);

        Assert.False(tokenizer.Settings.DoLowerCase);
        Assert.False(tokenizer.Settings.ShouldStripAccents);
        Assert.Equal(tokenizer.UnkId, tokenizer.Encode("Hello", 8).InputIds[1]);
    }

    [Fact]
    public void FromFolderWithoutConfigUsesDefaults()
    {
        using var folder = new TemporaryFolder();
        MiniLmVocabulary.CreateTokenizer().SaveTo(folder.Path);
        File.Delete(folder.File("tokenizer_config.json"));

        BertWordPieceTokenizer tokenizer = BertWordPieceTokenizer.FromFolder(folder.Path);

        Assert.Equal(new TokenizerSettings(), tokenizer.Settings);
        Assert.Equal([101, 7592, 102], tokenizer.Encode("Hello", 8).InputIds); // hello
    }

    [Fact]
    public void MissingVocabularyNamesFolderAndFile()
    {
        using var folder = new TemporaryFolder();

        var exception = Assert.Throws<SuperTuneException>(() => BertWordPieceTokenizer.FromFolder(folder.Path));

        Assert.Contains(folder.Path, exception.Message);
        Assert.Contains("vocab.txt", exception.Message);
        Assert.NotNull(exception.Hint);
    }

    [Fact]
    public void MissingFolderIsNamed()
    {
        using var folder = new TemporaryFolder();
        string missing = Path.Combine(folder.Path, "no-such-model");

        var exception = Assert.Throws<SuperTuneException>(() => BertWordPieceTokenizer.FromFolder(missing));

        Assert.Contains(missing, exception.Message);
    }
}
