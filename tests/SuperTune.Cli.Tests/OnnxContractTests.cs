using SuperTune.Export;
using SuperTune.Inference;

namespace SuperTune.Cli.Tests;

/// <summary>
/// The exporter and the ONNX Runtime predictor each declare the metadata keys, because Inference must not
/// reference Export (which pulls in TorchSharp). This test keeps the two declarations equal.
/// </summary>
public class OnnxContractTests
{
    [Theory]
    [InlineData(OnnxModelContract.TaskKey, OnnxMetadataKeys.Task)]
    [InlineData(OnnxModelContract.LabelsKey, OnnxMetadataKeys.Labels)]
    [InlineData(OnnxModelContract.Id2LabelKey, OnnxMetadataKeys.Id2Label)]
    [InlineData(OnnxModelContract.PoolingKey, OnnxMetadataKeys.Pooling)]
    [InlineData(OnnxModelContract.MaxLengthKey, OnnxMetadataKeys.MaxLength)]
    [InlineData(OnnxModelContract.BaseModelKey, OnnxMetadataKeys.BaseModel)]
    [InlineData(OnnxModelContract.TemperatureKey, OnnxMetadataKeys.Temperature)]
    [InlineData(OnnxModelContract.ExportedAtKey, OnnxMetadataKeys.ExportedAt)]
    [InlineData(OnnxModelContract.MetricsKey, OnnxMetadataKeys.Metrics)]
    [InlineData(OnnxModelContract.OutOfScopeKey, OnnxMetadataKeys.OutOfScope)]
    public void MetadataKeysAgree(string exported, string read)
    {
        Assert.Equal(exported, read);
    }

    [Theory]
    [InlineData(OnnxModelContract.ClassifyTask, OnnxModelTasks.Classify)]
    [InlineData(OnnxModelContract.EntitiesTask, OnnxModelTasks.Entities)]
    public void TaskNamesAgree(string exported, string read)
    {
        Assert.Equal(exported, read);
    }

    [Fact]
    public void ModelFileNamesAgree()
    {
        Assert.Equal(OnnxModelContract.FileName, OnnxClassifier.ModelFileName);
    }
}
