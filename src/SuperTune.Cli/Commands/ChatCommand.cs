using System.CommandLine;
using System.Globalization;
using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;
using SuperTune.Inference;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>supertune chat</c>: a support assistant in the terminal. Each message goes to the retriever, and the
/// assistant sends the answer, offers the top three answers to choose from, or escalates with a summary that
/// carries the intent router's label when a router is given. Every turn is kept in a SQLite file, and
/// <c>/correct TEXT</c> stores an agent's correction of the last turn as a training pair.
/// </summary>
internal static class ChatCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model")
        {
            Description = "Retrieval model folder written by `supertune train --task retrieval`.",
            Required = true,
        };
        var knowledgeBase = new Option<string?>("--kb")
        {
            Description = "Knowledge base (question/answer file); default: the file the model was trained on.",
        };
        var router = new Option<string?>("--router")
        {
            Description = "Exported intent classifier folder; its label goes into escalation summaries.",
        };
        var log = new Option<string>("--log")
        {
            Description = "SQLite file for conversations and corrections.",
            DefaultValueFactory = _ => "conversations.db",
        };
        var verbose = CommonOptions.Verbose();
        var command = new Command("chat", "Chat with the support assistant in the terminal; /correct TEXT, /quit.")
        {
            model, knowledgeBase, router, log, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var (answer, resources) = AnswerCommand.Open(parse.GetValue(model)!, parse.GetValue(knowledgeBase));
            using var disposeResources = resources;
            var routerFolder = parse.GetValue(router);
            using var classifier = routerFolder is null ? null : OnnxClassifier.Load(routerFolder);
            using var conversations = ConversationLog.Open(parse.GetValue(log)!);
            Run(context, System.Console.In, answer, classifier, conversations);
            return SuperTuneCommand.Success;
        }));
        return command;
    }

    /// <summary>Reads messages from <paramref name="input"/> until /quit or the end of input.</summary>
    public static void Run(CliContext context, TextReader input, Func<string, AnswerResult> answer,
        OnnxClassifier? router, ConversationLog conversations)
    {
        var conversationId = Guid.NewGuid().ToString("N");
        var output = context.Output;
        output.WriteLine($"Conversation {conversationId}; type a message, /correct TEXT or /quit.");
        ConversationTurn? last = null;
        IReadOnlyList<RetrievalCandidate> offered = [];
        while (input.ReadLine() is { } line)
        {
            var message = line.Trim();
            if (message.Length == 0) continue;
            if (message == "/quit") break;

            // An agent's correction of the last turn becomes a training pair.
            if (message.StartsWith("/correct ", StringComparison.Ordinal))
            {
                if (last is null)
                {
                    output.WriteLine("Nothing to correct yet.");
                    continue;
                }

                conversations.AddCorrection(last.Id, message["/correct ".Length..].Trim());
                output.WriteLine($"Correction stored for turn {last.Id}; `supertune train --task retrieval " +
                                 $"--corrections {conversations.Path}` includes it.");
                continue;
            }

            // A number after a clarifying question picks one of the offered answers.
            if (int.TryParse(message, NumberStyles.None, CultureInfo.InvariantCulture, out var choice)
                && choice >= 1 && choice <= offered.Count)
            {
                output.WriteLine($"assistant: {offered[choice - 1].Entry.Answer}");
                offered = [];
                continue;
            }

            var result = answer(message);
            last = conversations.AddTurn(conversationId, message, result.Decision, result.Score, result.Margin,
                result.Best?.Id);
            offered = result.Decision == AnswerDecision.Clarify ? result.Candidates : [];
            Reply(output, message, result, router);
        }
    }

    private static void Reply(TextWriter output, string message, AnswerResult result, OnnxClassifier? router)
    {
        var scores = $"(score {result.Score:F3}, margin {result.Margin:F3})";
        switch (result.Decision)
        {
            case AnswerDecision.Answer:
                output.WriteLine($"assistant: {result.Best!.Answer} {scores}");
                break;
            case AnswerDecision.Clarify:
                output.WriteLine($"assistant: Which of these do you mean? {scores}");
                for (var i = 0; i < result.Candidates.Count; i++)
                {
                    output.WriteLine($"  [{i + 1}] {result.Candidates[i].Entry.Question}");
                }

                break;
            default:
                var intent = router?.Classify([message])[0].Label;
                output.WriteLine($"assistant: I am handing this to a colleague. {scores}");
                output.WriteLine($"  summary: customer wrote \"{message}\"" +
                                 (intent is null ? "" : $"; intent router says {intent}") +
                                 (result.Best is null ? "" : $"; closest entry \"{result.Best.Question}\""));
                break;
        }
    }
}
