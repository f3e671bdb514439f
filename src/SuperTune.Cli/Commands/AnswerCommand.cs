using SuperTune.Core;
using System.CommandLine;
using System.Text.Json;
using SuperTune.Core.Retrieval;
using SuperTune.Inference.Retrieval;
using SuperTune.Training.Retrieval;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>supertune answer</c>: answer one message from a knowledge base with a retrieval model, on ONNX Runtime
/// when the folder has model.onnx and on libtorch otherwise, and print the decision as JSON.
/// </summary>
internal static class AnswerCommand
{
    // The output is read by people and programs, not embedded in HTML, so quotes and apostrophes stay as they are.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model")
        {
            Description = "Model folder written by `supertune train --task retrieval`.",
            Required = true,
        };
        var knowledgeBase = new Option<string?>("--kb")
        {
            Description = "Knowledge base (question/answer file); default: the file the model was trained on.",
        };
        var text = new Option<string>("--text") { Description = "The customer message.", Required = true };
        var verbose = CommonOptions.Verbose();
        var command = new Command("answer", "Answer a message from a knowledge base, ask to clarify, or escalate.")
        {
            model, knowledgeBase, text, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var folder = parse.GetValue(model)!;
            var message = parse.GetValue(text)!;
            if (string.IsNullOrWhiteSpace(message))
            {
                throw new SuperTuneException("--text is empty, so there is no message to answer.",
                    "Pass the customer's message, for example --text \"how do I get my money back?\".");
            }

            var (answer, resources) = Open(folder, parse.GetValue(knowledgeBase));
            AnswerResult result;
            using (resources) result = answer(message);
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                decision = result.Decision,
                answer = result.Decision == AnswerDecision.Answer ? result.Best?.Answer : null,
                score = result.Score,
                margin = result.Margin,
                confidence = result.Confidence,
                candidates = result.Candidates.Select(c => new
                {
                    id = c.Entry.Id, question = c.Entry.Question, answer = c.Entry.Answer, group = c.Entry.Group,
                    score = c.Score,
                }),
            }, Json));
            return SuperTuneCommand.Success;
        }));
        return command;
    }

    /// <summary>
    /// Opens the model and knowledge base once and returns the function that answers a message, on ONNX Runtime
    /// when the folder has model.onnx and on libtorch otherwise, with the resources to dispose.
    /// </summary>
    public static (Func<string, AnswerResult> Answer, IDisposable Resources) Open(string folder, string? knowledgeBasePath)
    {
        if (File.Exists(Path.Combine(folder, "model.onnx")))
        {
            var answerer = KnowledgeBaseAnswerer.Load(folder, knowledgeBasePath);
            return (answerer.Answer, answerer);
        }

        var model = SentenceEncoderModel.LoadFolder(folder);
        try
        {
            var saved = RetrievalOptions.TryLoad(folder) ?? new RetrievalOptions();
            var path = knowledgeBasePath ?? saved.KnowledgeBase ?? throw new Core.SuperTuneException(
                $"{folder}: the model does not name its knowledge base.", "Pass --kb with the question/answer file.");
            var knowledgeBase = KnowledgeBaseReader.Read(path, saved.Columns());
            var (index, _) = KnowledgeBaseIndex.Build(knowledgeBase, model.Embedder, model.Settings!.Match, folder);
            var thresholds = model.Settings.Thresholds;
            return (message => AnswerDecider.Decide(index.Search(message, AnswerDecider.ClarifyCount), thresholds), model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
