using System.CommandLine;
using System.Text.RegularExpressions;
using SuperTune.Cli.Commands;

namespace SuperTune.Cli;

/// <summary>
/// Builds the command tree and runs it. Exit codes: 0 success, 1 a failed job or an option value out of range, 2 an
/// unknown option, a missing required one, an unparsable value or options that cannot be combined, 130 interrupted.
/// </summary>
public static partial class SuperTuneCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>Exit code after Ctrl+C or SIGTERM, 128 + SIGINT as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Parses <paramref name="args"/>, runs the chosen verb and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("SuperTune: fine-tune pretrained BERT-family encoders on customer-support data.")
        {
            TrainCommand.Create(context),
            SearchCommand.Create(context),
            EvaluateCommand.Create(context),
            PredictCommand.Create(context),
            ExportCommand.Create(context),
            ServeCommand.Create(context),
            AnswerCommand.Create(context),
            ChatCommand.Create(context),
            RedactCommand.Create(context),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors) error.WriteLine($"error: {Readable(parseError.Message)}");
            error.WriteLine("Run `supertune --help` or `supertune <command> --help` for usage.");
            return UsageError;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>
    /// Replaces the .NET type name in System.CommandLine's "as expected type 'System.Int32'" with what a user types,
    /// such as "as a whole number".
    /// </summary>
    public static string Readable(string message) => ExpectedType().Replace(message, match =>
        match.Groups["type"].Value switch
        {
            "Int32" or "Int64" => "as a whole number",
            "Double" or "Single" or "Decimal" => "as a number, such as 0.5 or 2e-5",
            "Boolean" => "as true or false",
            _ => match.Value,
        });

    [GeneratedRegex(@"as expected type 'System\.(?:Nullable`1\[System\.)?(?<type>\w+)\]?'")]
    private static partial Regex ExpectedType();
}
