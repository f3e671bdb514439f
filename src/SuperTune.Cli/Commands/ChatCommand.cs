using System.CommandLine;
using System.Globalization;
using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;
using SuperTune.Inference;
using SuperTune.Inference.Assistant;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>supertune chat</c>: a support assistant in the terminal over <see cref="SupportAssistant"/>. Each message
/// goes to the retriever, the intent router and the sentiment check when given, and the assistant sends the
/// answer, offers the top three answers to choose from, or escalates with a summary. Every turn is kept in a
/// SQLite file, and <c>/correct TEXT</c> stores an agent's correction of the last turn as a training pair.
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
        var sentiment = new SentimentOptions();
        var verbose = CommonOptions.Verbose();
        var command = new Command("chat", "Chat with the support assistant in the terminal; /correct TEXT, /quit.")
        {
            model, knowledgeBase, router, log, verbose,
        };
        foreach (var option in sentiment.All) command.Options.Add(option);

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var (answer, resources) = AnswerCommand.Open(parse.GetValue(model)!, parse.GetValue(knowledgeBase));
            using var disposeResources = resources;
            var routerFolder = parse.GetValue(router);
            using var classifier = routerFolder is null ? null : OnnxClassifier.Load(routerFolder);
            using var check = sentiment.Load(parse);
            using var conversations = ConversationLog.Open(parse.GetValue(log)!);
            Run(context, System.Console.In, new SupportAssistant(answer, classifier, check, conversations));
            return SuperTuneCommand.Success;
        }));
        return command;
    }

    /// <summary>Reads messages from <paramref name="input"/> until /quit or the end of input.</summary>
    public static void Run(CliContext context, TextReader input, SupportAssistant assistant)
    {
        var conversationId = Guid.NewGuid().ToString("N");
        var output = context.Output;
        output.WriteLine($"Conversation {conversationId}; type a message, /correct TEXT or /quit.");
        AssistantReply? last = null;
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

                assistant.Log.AddCorrection(last.Turn.Id, message["/correct ".Length..].Trim());
                output.WriteLine($"Correction stored for turn {last.Turn.Id}; `supertune train --task retrieval " +
                                 $"--corrections {assistant.Log.Path}` includes it.");
                continue;
            }

            // A number after a clarifying question picks one of the offered answers, and that choice is logged.
            var offered = last?.Decision == AnswerDecision.Clarify ? last.Retrieval.Candidates : [];
            if (int.TryParse(message, NumberStyles.None, CultureInfo.InvariantCulture, out var choice)
                && choice >= 1 && choice <= offered.Count)
            {
                var chosen = assistant.Choose(last!.Turn.ConversationId, last.Turn.Message, offered[choice - 1].Entry.Id);
                output.WriteLine($"assistant: {offered[choice - 1].Entry.Answer}");
                last = chosen ?? last;
                continue;
            }

            last = assistant.Respond(conversationId, message);
            Reply(output, last);
        }
    }

    private static void Reply(TextWriter output, AssistantReply reply)
    {
        var result = reply.Retrieval;
        var scores = $"(score {result.Score:F3}, margin {result.Margin:F3}, confidence {result.Confidence:F3})";
        switch (reply.Decision)
        {
            case AnswerDecision.Answer:
                output.WriteLine($"assistant: {reply.Answer} {scores}");
                break;
            case AnswerDecision.Clarify:
                output.WriteLine($"assistant: Which of these do you mean? {scores}");
                for (var i = 0; i < result.Candidates.Count; i++)
                {
                    output.WriteLine($"  [{i + 1}] {result.Candidates[i].Entry.Question}");
                }

                break;
            default:
                output.WriteLine($"assistant: I am handing this to a colleague. {scores}");
                output.WriteLine($"  summary: {reply.Summary!.ToText()}");
                break;
        }
    }
}
