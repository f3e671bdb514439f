namespace SuperTune.Core.Models;

/// <summary>The spellings of the pooling modes in options and in <c>config.json</c>.</summary>
public static class PoolingNames
{
    /// <summary>Average of the last hidden states over the attention mask, as sentence-transformers pools.</summary>
    public const string Mean = "mean";

    /// <summary>The [CLS] hidden state through BERT's pooler (dense + tanh), as BertForSequenceClassification does.</summary>
    public const string Cls = "cls";
}
