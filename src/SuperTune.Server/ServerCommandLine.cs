using System.Globalization;
using SuperTune.Core;
using SuperTune.Inference;

namespace SuperTune.Server;

/// <summary>Reads <see cref="ServerOptions"/> from the arguments of the standalone server program.</summary>
public static class ServerCommandLine
{
    /// <summary>Usage text printed with errors.</summary>
    public const string Usage =
        "usage: SuperTune.Server --model DIR [--entity-model DIR] [--urls URL[;URL...]] [--threads N] [--log-request-text]\n"
        + "       [--redact-logged-text] [--no-watch]\n"
        + "The API key comes from the SUPERTUNE_API_KEY environment variable, so it stays out of process listings.";

    /// <summary>Parses the arguments; every other setting keeps its <see cref="ServerOptions"/> default.</summary>
    /// <exception cref="SuperTuneException">An argument is unknown, lacks its value or has an invalid one.</exception>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        string? model = null, entityModel = null;
        string[]? urls = null;
        int? threads = null;
        bool logText = false, redactLog = false, watch = true;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--model": model = Value(args, ref i); break;
                case "--entity-model": entityModel = Value(args, ref i); break;
                case "--urls": urls = Value(args, ref i).Split(';', StringSplitOptions.RemoveEmptyEntries); break;
                case "--threads": threads = Threads(Value(args, ref i)); break;
                case "--log-request-text": logText = true; break;
                case "--redact-logged-text": redactLog = true; break;
                case "--no-watch": watch = false; break;
                default: throw new SuperTuneException($"Unknown argument '{args[i]}'.", Usage);
            }
        }

        if (model is null)
        {
            throw new SuperTuneException("--model is required.", Usage);
        }

        var options = new ServerOptions { ModelFolder = model, EntityModelFolder = entityModel,
            LogRequestText = logText, RedactLoggedText = redactLog, WatchModelFile = watch };
        options = urls is null ? options : options with { Urls = urls };
        return threads is null
            ? options
            : options with { Classifier = new OnnxClassifierOptions { IntraOpThreads = threads.Value } };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new SuperTuneException($"{args[i]} needs a value.", Usage);
        }

        return args[++i];
    }

    private static int Threads(string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int threads) || threads < 1)
        {
            throw new SuperTuneException($"--threads must be a whole number of at least 1, but is '{value}'.", Usage);
        }

        return threads;
    }
}
