using SuperTune.Core;
using SuperTune.Server;

// Options from the command line; the API key from SUPERTUNE_API_KEY.
try
{
    ServerOptions options = ServerCommandLine.Parse(args);
    await using WebApplication app = SuperTuneServer.Build(options);
    await app.RunAsync();
    return 0;
}
catch (SuperTuneException e)
{
    // One line and a hint, as the supertune command prints its errors.
    Console.Error.WriteLine($"error: {e.Message}");
    if (e.Hint is not null)
    {
        Console.Error.WriteLine(e.Hint);
    }

    return 1;
}
