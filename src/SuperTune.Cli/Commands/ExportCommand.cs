using System.CommandLine;
using SuperTune.Export;

namespace SuperTune.Cli.Commands;

/// <summary><c>supertune export</c>: write a trained model folder's network as an ONNX graph for serving.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model folder written by `supertune train`.", Required = true };
        var output = new Option<string?>("--out")
        {
            Description = "ONNX file to write; default MODEL/model.onnx.",
        };
        var verbose = CommonOptions.Verbose();

        var command = new Command("export", "Write the model as ONNX (opset 17) with its labels in the metadata.")
        {
            model, output, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var path = OnnxExporter.Export(parse.GetValue(model)!, parse.GetValue(output));
            context.Output.WriteLine($"Wrote {path}");
            return SuperTuneCommand.Success;
        }));
        return command;
    }
}
