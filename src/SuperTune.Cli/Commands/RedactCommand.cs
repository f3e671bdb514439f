using System.CommandLine;
using SuperTune.Core.Redaction;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>supertune redact</c>: replace personal data in text columns of a CSV, TSV or JSONL file, streaming, with the
/// deterministic detectors and, when given, a fine-tuned entity tagger.
/// </summary>
internal static class RedactCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--in") { Description = "CSV, TSV or JSONL file to redact.", Required = true };
        var output = new Option<string>("--out") { Description = "File to write, in the same format.", Required = true };
        var model = new Option<string?>("--model")
        {
            Description = "Entity tagger folder from `supertune train --task entities`; its entities are redacted too. " +
                          "Its model.onnx from `supertune export` is used when present.",
        };
        var columns = new Option<string[]>("--column")
        {
            Description = "Column or field to redact; repeat for several. Default: text.",
            DefaultValueFactory = _ => ["text"],
        };
        var pseudonyms = new Option<bool>("--pseudonyms")
        {
            Description = "Write [EMAIL_1], [EMAIL_2], ... numbered per distinct value within each record, instead of [EMAIL].",
        };
        var format = CommonOptions.Format();
        var device = CommonOptions.Device();
        var verbose = CommonOptions.Verbose();

        var command = new Command("redact", "Replace personal data (e-mail, phone, card, IBAN, URL, IP, model entities) in a file.")
        {
            input, output, model, columns, pseudonyms, format, device, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            using var setup = new RedactionSetup(context, parse.GetValue(model), parse.GetValue(pseudonyms),
                parse.GetValue(device)!);
            var summary = new FileRedactor(setup.Redactor).Redact(parse.GetValue(input)!, parse.GetValue(output)!,
                parse.GetValue(columns)!, parse.GetValue(format));
            var counts = summary.SpansByLabel.Count == 0
                ? "nothing"
                : string.Join(", ", summary.SpansByLabel.OrderBy(p => p.Key).Select(p => $"{p.Value} {p.Key}"));
            context.Output.WriteLine($"Redacted {summary.Records} records into {parse.GetValue(output)}: {counts}.");
            return SuperTuneCommand.Success;
        }));
        return command;
    }
}
