using SuperTune.Core;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class ServerSetupTests : IDisposable
{
    private readonly ModelFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public void MissingModelFolderFailsBuild()
    {
        string folder = Path.Combine(Path.GetTempPath(), "supertune-absent-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions { ModelFolder = folder };

        var exception = Assert.Throws<SuperTuneException>(() => SuperTuneServer.Build(options));

        Assert.Contains(folder, exception.Message);
    }

    [Fact]
    public void InvalidOptionsAreAllReported()
    {
        var options = new ServerOptions
        {
            ModelFolder = _folders.IntentsPath,
            Urls = ["ftp://127.0.0.1:21"],
            MaxTextsPerRequest = 0,
            BatchWindow = TimeSpan.FromMilliseconds(-1),
        };

        var exception = Assert.Throws<SuperTuneException>(() => SuperTuneServer.Build(options));

        Assert.Contains("ftp://127.0.0.1:21", exception.Message);
        Assert.Contains("MaxTextsPerRequest is 0", exception.Message);
        Assert.Contains("BatchWindow", exception.Message);
    }

    [Fact]
    public void CommandLineSetsOptions()
    {
        ServerOptions options = ServerCommandLine.Parse(
            ["--model", "runs/intents", "--urls", "http://127.0.0.1:9000;http://[::1]:9000", "--threads", "2",
             "--log-request-text", "--no-watch"]);

        Assert.Equal("runs/intents", options.ModelFolder);
        Assert.Equal(["http://127.0.0.1:9000", "http://[::1]:9000"], options.Urls);
        Assert.Equal(2, options.Classifier.IntraOpThreads);
        Assert.True(options.LogRequestText);
        Assert.False(options.WatchModelFile);
    }

    [Fact]
    public void CommandLineSetsEntityModel()
    {
        ServerOptions options = ServerCommandLine.Parse(["--model", "runs/intents", "--entity-model", "runs/pii"]);

        Assert.Equal("runs/pii", options.EntityModelFolder);
    }

    [Fact]
    public void EntityModelWithoutValueFails()
    {
        var exception = Assert.Throws<SuperTuneException>(() =>
            ServerCommandLine.Parse(["--model", "runs/intents", "--entity-model"]));

        Assert.Contains("--entity-model needs a value", exception.Message);
    }

    [Fact]
    public void MissingEntityModelFolderFailsBuild()
    {
        string folder = Path.Combine(Path.GetTempPath(), "supertune-absent-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions { ModelFolder = _folders.IntentsPath, EntityModelFolder = folder };

        var exception = Assert.Throws<SuperTuneException>(() => SuperTuneServer.Build(options));

        Assert.Contains(folder, exception.Message);
    }

    [Fact]
    public void CommandLineDefaultsToLoopback()
    {
        ServerOptions options = ServerCommandLine.Parse(["--model", "runs/intents"]);

        Assert.Equal(["http://127.0.0.1:8080"], options.Urls);
        Assert.True(options.WatchModelFile);
        Assert.Null(options.ApiKey);
    }

    [Theory]
    [InlineData(new string[0], "--model is required")]
    [InlineData(new[] { "--model" }, "--model needs a value")]
    [InlineData(new[] { "--model", "m", "--threads", "zero" }, "--threads must be")]
    [InlineData(new[] { "--model", "m", "--api-key", "k" }, "Unknown argument '--api-key'")]
    public void CommandLineErrorsNameArgument(string[] args, string message)
    {
        var exception = Assert.Throws<SuperTuneException>(() => ServerCommandLine.Parse(args));

        Assert.Contains(message, exception.Message);
        Assert.Contains("usage:", exception.Hint);
    }
}
