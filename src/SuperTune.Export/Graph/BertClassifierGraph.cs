using Onnx;
using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using static SuperTune.Export.Graph.OnnxGraphBuilder;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace SuperTune.Export.Graph;

/// <summary>
/// Writes the eval-mode forward pass of <see cref="BertForSequenceClassification"/> (output: logits), of
/// <see cref="BertForTokenClassification"/> (output: logits per token) or of <see cref="BertForSentenceEmbedding"/>
/// (output: L2-normalised mean-pooled embeddings) as ONNX operators, in forward order. All keep the encoder under the
/// <c>bert.</c> prefix.
/// </summary>
/// <remarks>
/// The node patterns follow what PyTorch's TorchScript exporter emits for transformers' BertModel, as in the bundled
/// all-MiniLM-L6-v2 graph, so that ONNX Runtime's graph optimizer recognizes them. Each Linear is MatMul then Add.
/// Heads are split and merged by Reshape to constant shapes [0, 0, heads, headDim] and [0, 0, hidden]. Scores are
/// divided by sqrt(headDim). The additive mask is Unsqueeze, Unsqueeze, Cast, Sub, Mul, and GELU is Div, Erf, Add,
/// Mul, Mul. Linear weights are initializers under their Hugging Face keys, transposed to (in, out) for MatMul.
/// NOTE: OnnxWeightReader takes every initializer named <c>*.weight</c> as stored in (out, in) order, so reading this
/// graph back with it would load Linear weights transposed, and would fail only where they are not square.
/// </remarks>
internal sealed class BertClassifierGraph
{
    private const string GraphName = "supertune_bert_classifier";

    private readonly OnnxGraphBuilder builder = new(GraphName);
    private readonly BertConfig config;
    private readonly Dictionary<string, Tensor> parameters;
    private readonly HashSet<string> usedParameters = new(StringComparer.Ordinal);

    private BertClassifierGraph(BertConfig config, Dictionary<string, Tensor> parameters)
    {
        this.config = config;
        this.parameters = parameters;
    }

    /// <summary>Builds the graph of <paramref name="model"/>, whose weights become initializers.</summary>
    public static GraphProto Build(BertForSequenceClassification model, out long initializerBytes)
    {
        var graph = new BertClassifierGraph(model.Config, model.state_dict());
        graph.BuildForward(model.Pooling);
        graph.CheckEveryParameterUsed(model.Pooling);
        initializerBytes = graph.builder.InitializerBytes;
        return graph.builder.Graph;
    }

    /// <summary>Builds the graph of a sentence encoder, whose output is <see cref="OnnxModelContract.SentenceEmbedding"/>.</summary>
    public static GraphProto Build(BertForSentenceEmbedding model, out long initializerBytes)
    {
        var graph = new BertClassifierGraph(model.Config, model.state_dict());
        var pooled = graph.BuildEncoder(PoolingNames.Mean);                                     // (batch, hidden)
        graph.Normalize(pooled, OnnxModelContract.SentenceEmbedding);
        graph.builder.Output(OnnxModelContract.SentenceEmbedding, DataType.Float, OnnxModelContract.BatchDimension,
            model.Config.HiddenSize);
        graph.CheckEveryParameterUsed(PoolingNames.Mean);
        initializerBytes = graph.builder.InitializerBytes;
        return graph.builder.Graph;
    }

    /// <summary>
    /// Builds the graph of an entity tagger: the classifier on every token state, so the output is
    /// <see cref="OnnxModelContract.Logits"/> of shape (batch, sequence, tags). Dropout is off in eval mode, and the
    /// pooler, which the forward pass does not use, stays out of the graph.
    /// </summary>
    public static GraphProto Build(BertForTokenClassification model, out long initializerBytes)
    {
        var graph = new BertClassifierGraph(model.Config, model.state_dict());
        var hiddenStates = graph.BuildEncoderStates();                              // (batch, seq, hidden)
        graph.Linear("classifier", hiddenStates, OnnxModelContract.Logits);        // (batch, seq, tags)
        graph.builder.Output(OnnxModelContract.Logits, DataType.Float, OnnxModelContract.BatchDimension,
            OnnxModelContract.SequenceDimension, model.Config.NumLabels);
        graph.CheckEveryParameterUsed(usesPooler: false);
        initializerBytes = graph.builder.InitializerBytes;
        return graph.builder.Graph;
    }

    private void BuildForward(string pooling)
    {
        var pooled = BuildEncoder(pooling);
        Linear("classifier", pooled, OnnxModelContract.Logits); // (batch, hidden) -> (batch, labels)
        builder.Output(OnnxModelContract.Logits, DataType.Float, OnnxModelContract.BatchDimension, config.NumLabels);
    }

    // Declares the inputs and returns the pooled sentence vector (batch, hidden).
    private string BuildEncoder(string pooling)
    {
        var hiddenStates = BuildEncoderStates();
        return pooling == PoolingNames.Mean ? MeanPool(hiddenStates) : PoolCls(hiddenStates);
    }

    // Declares the inputs and returns the last hidden states (batch, seq, hidden).
    private string BuildEncoderStates()
    {
        builder.Input(OnnxModelContract.InputIds, DataType.Int64,
            OnnxModelContract.BatchDimension, OnnxModelContract.SequenceDimension);
        builder.Input(OnnxModelContract.AttentionMask, DataType.Int64,
            OnnxModelContract.BatchDimension, OnnxModelContract.SequenceDimension);
        builder.Input(OnnxModelContract.TokenTypeIds, DataType.Int64,
            OnnxModelContract.BatchDimension, OnnxModelContract.SequenceDimension);

        var hiddenStates = Embeddings();        // (batch, seq, hidden)
        var additiveMask = AdditiveMask();      // (batch, 1, 1, seq)
        for (var i = 0; i < config.NumHiddenLayers; i++)
        {
            hiddenStates = Layer($"bert.encoder.layer.{i}", hiddenStates, additiveMask);
        }

        return hiddenStates;
    }

    /// <summary>Divides (batch, hidden) by its L2 norm per row, clamped at 1e-12 as torch's normalize does.</summary>
    private void Normalize(string pooled, string output)
    {
        const string scope = "normalize";
        var squares = builder.Node(scope, "Mul", [pooled, pooled]);                                     // (batch, hidden)
        var sum = builder.Node(scope, "ReduceSum", [squares, builder.Int64Vector("axes.1", 1)],
            Attribute("keepdims", 1L));                                                                  // (batch, 1)
        var norm = builder.Node(scope, "Sqrt", [sum]);
        norm = builder.Node(scope, "Max", [norm, builder.FloatScalar("const.min_norm", 1e-12f)]);
        builder.NamedOutputNode(scope, "Div", [pooled, norm], output);                                  // (batch, hidden)
    }

    private string Embeddings()
    {
        const string scope = "bert.embeddings";
        var words = builder.Node(scope, "Gather",
            [Parameter($"{scope}.word_embeddings.weight"), OnnxModelContract.InputIds]);      // (batch, seq, hidden)
        var tokenTypes = builder.Node(scope, "Gather",
            [Parameter($"{scope}.token_type_embeddings.weight"), OnnxModelContract.TokenTypeIds]);
        var summed = builder.Node(scope, "Add", [words, tokenTypes]);

        // Position ids 0..seq-1, sliced from a constant as transformers' registered position_ids buffer is.
        var allPositions = Enumerable.Range(0, config.MaxPositionEmbeddings).Select(p => (long)p).ToArray();
        var positionIds = builder.Int64Initializer($"{scope}.position_ids", allPositions,
            [1, config.MaxPositionEmbeddings]);
        var inputShape = builder.Node(scope, "Shape", [OnnxModelContract.InputIds]);         // (2,)
        var seqLength = builder.Node(scope, "Gather", [inputShape, builder.Int64Vector("axes.1", 1)],
            Attribute("axis", 0L));                                                            // (1,)
        var positions = builder.Node(scope, "Slice",
            [positionIds, builder.Int64Vector("const.zero_1d", 0), seqLength, builder.Int64Vector("axes.1", 1)]);
        var positionEmbeddings = builder.Node(scope, "Gather",
            [Parameter($"{scope}.position_embeddings.weight"), positions]);                   // (1, seq, hidden)
        summed = builder.Node(scope, "Add", [summed, positionEmbeddings]);

        return LayerNorm($"{scope}.LayerNorm", summed);
    }

    /// <summary>Maps the mask (batch, seq) to (batch, 1, 1, seq): 0 for tokens, float.MinValue for padding.</summary>
    private string AdditiveMask()
    {
        // BertModel.forward fills padding with float.MinValue, so the graph does too. The bundled graph, exported
        // with PyTorch 1.10, uses -10000, which gives the same probabilities for any row with one real token.
        const string scope = "bert.extended_attention_mask";
        var unsqueezed = builder.Node(scope, "Unsqueeze",
            [OnnxModelContract.AttentionMask, builder.Int64Vector("axes.1", 1)]);              // (batch, 1, seq)
        unsqueezed = builder.Node(scope, "Unsqueeze", [unsqueezed, builder.Int64Vector("axes.2", 2)]);
        var mask = builder.Node(scope, "Cast", [unsqueezed], Attribute("to", (long)DataType.Float));
        var inverted = builder.Node(scope, "Sub", [builder.FloatScalar("const.one", 1f), mask]);
        return builder.Node(scope, "Mul", [inverted, builder.FloatScalar("const.float_min", float.MinValue)]);
    }

    private string Layer(string scope, string hiddenStates, string additiveMask)
    {
        var context = SelfAttention($"{scope}.attention.self", hiddenStates, additiveMask);   // (batch, seq, hidden)
        var attended = AddAndNorm($"{scope}.attention.output", context, hiddenStates);

        var expanded = Activation($"{scope}.intermediate", Linear($"{scope}.intermediate.dense", attended));
        return AddAndNorm($"{scope}.output", expanded, attended);                             // (batch, seq, hidden)
    }

    private string SelfAttention(string scope, string hiddenStates, string additiveMask)
    {
        // (batch, seq, hidden) -> (batch, seq, heads, headDim). Query and value then become (batch, heads, seq,
        // headDim) and key becomes (batch, heads, headDim, seq), the transposes PyTorch's exporter writes for q k^T.
        var splitShape = builder.Int64Vector("shape.split_heads", 0, 0, config.NumAttentionHeads, config.HeadSize);
        var query = builder.Node(scope, "Reshape", [Linear($"{scope}.query", hiddenStates), splitShape]);
        var key = builder.Node(scope, "Reshape", [Linear($"{scope}.key", hiddenStates), splitShape]);
        var value = builder.Node(scope, "Reshape", [Linear($"{scope}.value", hiddenStates), splitShape]);
        query = builder.Node(scope, "Transpose", [query], Attribute("perm", 0L, 2, 1, 3));
        key = builder.Node(scope, "Transpose", [key], Attribute("perm", 0L, 2, 3, 1));
        value = builder.Node(scope, "Transpose", [value], Attribute("perm", 0L, 2, 1, 3));

        // softmax(q k^T / sqrt(headDim) + mask) v
        var scores = builder.Node(scope, "MatMul", [query, key]);                            // (batch, heads, seq, seq)
        var scale = builder.FloatScalar("const.sqrt_head_size", MathF.Sqrt(config.HeadSize));
        scores = builder.Node(scope, "Div", [scores, scale]);
        scores = builder.Node(scope, "Add", [scores, additiveMask]);
        var probabilities = builder.Node(scope, "Softmax", [scores], Attribute("axis", -1L));
        var context = builder.Node(scope, "MatMul", [probabilities, value]); // (batch, heads, seq, headDim)

        // (batch, heads, seq, headDim) -> (batch, seq, hidden)
        context = builder.Node(scope, "Transpose", [context], Attribute("perm", 0L, 2, 1, 3));
        var mergeShape = builder.Int64Vector("shape.merge_heads", 0, 0, config.HiddenSize);
        return builder.Node(scope, "Reshape", [context, mergeShape]);
    }

    /// <summary>Dense projection, residual and LayerNorm (BertSelfOutput and BertOutput).</summary>
    private string AddAndNorm(string scope, string states, string residual)
    {
        var projected = Linear($"{scope}.dense", states);
        var summed = builder.Node(scope, "Add", [projected, residual]);
        return LayerNorm($"{scope}.LayerNorm", summed);
    }

    private string Activation(string scope, string x) => config.HiddenAct switch
    {
        "gelu_new" => TanhGelu(scope, x),
        "relu" => builder.Node(scope, "Relu", [x]),
        _ => ErfGelu(scope, x),
    };

    /// <summary>x * 0.5 * (1 + erf(x / sqrt(2))), the exact GELU, in the order ONNX Runtime fuses into Gelu.</summary>
    private string ErfGelu(string scope, string x)
    {
        var scaled = builder.Node(scope, "Div", [x, builder.FloatScalar("const.sqrt_2", MathF.Sqrt(2f))]);
        var erf = builder.Node(scope, "Erf", [scaled]);
        var shifted = builder.Node(scope, "Add", [erf, builder.FloatScalar("const.one", 1f)]);
        var product = builder.Node(scope, "Mul", [x, shifted]);
        return builder.Node(scope, "Mul", [product, builder.FloatScalar("const.half", 0.5f)]);
    }

    /// <summary>0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))), the "gelu_new" approximation.</summary>
    private string TanhGelu(string scope, string x)
    {
        var cube = builder.Node(scope, "Pow", [x, builder.FloatScalar("const.three", 3f)]);
        var cubeTerm = builder.Node(scope, "Mul", [cube, builder.FloatScalar("const.gelu_cubic", 0.044715f)]);
        var inner = builder.Node(scope, "Add", [x, cubeTerm]);
        var sqrtTwoOverPi = builder.FloatScalar("const.sqrt_2_over_pi", MathF.Sqrt(2f / MathF.PI));
        var tanh = builder.Node(scope, "Tanh", [builder.Node(scope, "Mul", [inner, sqrtTwoOverPi])]);
        var shifted = builder.Node(scope, "Add", [tanh, builder.FloatScalar("const.one", 1f)]);
        var product = builder.Node(scope, "Mul", [x, shifted]);
        return builder.Node(scope, "Mul", [product, builder.FloatScalar("const.half", 0.5f)]);
    }

    /// <summary>Averages (batch, seq, hidden) over the positions where the mask is 1, as MeanPool does.</summary>
    private string MeanPool(string hiddenStates)
    {
        const string scope = "mean_pooling";
        var mask = builder.Node(scope, "Cast", [OnnxModelContract.AttentionMask],
            Attribute("to", (long)DataType.Float));
        var weights = builder.Node(scope, "Unsqueeze",
            [mask, builder.Int64Vector("axes.minus_1", -1)]);                                   // (batch, seq, 1)
        var weighted = builder.Node(scope, "Mul", [hiddenStates, weights]);
        var summed = builder.Node(scope, "ReduceSum", [weighted, builder.Int64Vector("axes.1", 1)],
            Attribute("keepdims", 0L));                                                          // (batch, hidden)
        var counts = builder.Node(scope, "ReduceSum", [weights, builder.Int64Vector("axes.1", 1)],
            Attribute("keepdims", 0L));                                                          // (batch, 1)
        counts = builder.Node(scope, "Max", [counts, builder.FloatScalar("const.min_count", 1e-9f)]);
        return builder.Node(scope, "Div", [summed, counts]);
    }

    /// <summary>The [CLS] state (batch, hidden) through the pooler's dense layer and tanh.</summary>
    private string PoolCls(string hiddenStates)
    {
        const string scope = "bert.pooler";
        var clsState = builder.Node(scope, "Gather", [hiddenStates, builder.Int64Scalar("const.zero", 0)],
            Attribute("axis", 1L));                                                              // (batch, hidden)
        return builder.Node(scope, "Tanh", [Linear($"{scope}.dense", clsState)]);
    }

    /// <summary>x W^T + b as MatMul then Add, with W stored transposed to (in, out).</summary>
    private string Linear(string scope, string x, string? output = null)
    {
        var product = builder.Node(scope, "MatMul", [x, Parameter($"{scope}.weight", transpose: true)]);
        var bias = Parameter($"{scope}.bias");
        return output is null
            ? builder.Node(scope, "Add", [product, bias])
            : builder.NamedOutputNode(scope, "Add", [product, bias], output);
    }

    private string LayerNorm(string scope, string x) => builder.Node(scope, "LayerNormalization",
        [x, Parameter($"{scope}.weight"), Parameter($"{scope}.bias")],
        Attribute("axis", -1L), Attribute("epsilon", (float)config.LayerNormEps));

    /// <summary>Adds the model parameter <paramref name="key"/> as a float32 initializer of the same name.</summary>
    private string Parameter(string key, bool transpose = false)
    {
        if (!usedParameters.Add(key)) return key;
        if (!parameters.TryGetValue(key, out var parameter))
        {
            throw new InvalidOperationException($"The model has no parameter \"{key}\" for the ONNX graph.");
        }

        using var scope = NewDisposeScope();
        var stored = (transpose ? parameter.detach().t() : parameter.detach()).to_type(float32).contiguous();
        builder.FloatInitializer(key, stored.data<float>().ToArray(), stored.shape);
        return key;
    }

    private void CheckEveryParameterUsed(string pooling) => CheckEveryParameterUsed(pooling != PoolingNames.Mean);

    private void CheckEveryParameterUsed(bool usesPooler)
    {
        // Mean pooling and token classification bypass the pooler, whose weights stay in model.safetensors only.
        var unused = parameters.Keys
            .Where(key => !usedParameters.Contains(key))
            .Where(key => usesPooler || !key.StartsWith("bert.pooler.", StringComparison.Ordinal))
            .ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException(
                $"The ONNX graph leaves {unused.Count} model parameters unused, for example \"{unused[0]}\".");
        }
    }
}
