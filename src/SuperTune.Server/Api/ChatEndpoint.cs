using System.Text.Json;
using SuperTune.Core;
using SuperTune.Inference.Assistant;
using SuperTune.Server.Chat;

namespace SuperTune.Server.Api;

/// <summary>
/// <c>POST /v1/chat</c> with <c>{"conversationId": "...", "message": "...", "choice": "..."}</c>: one turn of the
/// support assistant, written to the conversation log. <c>choice</c> is the id of a candidate the customer
/// picked after a clarifying question about the same message. Mapped only when the server has a knowledge base.
/// </summary>
internal static class ChatEndpoint
{
    private const int MaxConversationIdLength = 64;

    public static void MapChat(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat", HandleAsync)
            .WithName("Chat")
            .WithSummary("One turn of the support assistant: answer, clarify with the top candidates, or escalate.")
            .Produces<ChatResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ChatResources chat, ServerOptions options)
    {
        var (document, problem) = await RequestBody.ReadJsonAsync(context, options.MaxRequestBodyBytes, allowEmpty: false);
        if (problem is not null) return problem;

        string? conversationId, message, choice;
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.Invalid(Problems.Body,
                    "The body must be a JSON object such as {\"conversationId\": \"c1\", \"message\": \"...\"}.");
            }

            if (JsonStrings.HasUndecodableName(root))
            {
                return Problems.Invalid(Problems.Body, $"A field name {ClassifyRequestParser.LoneSurrogateProblem}");
            }

            (conversationId, problem) = OptionalString(root, "conversationId");
            if (problem is not null) return problem;
            (message, problem) = OptionalString(root, "message");
            if (problem is not null) return problem;
            (choice, problem) = OptionalString(root, "choice");
            if (problem is not null) return problem;
        }

        problem = CheckConversationId(conversationId) ?? CheckMessage(message, options.MaxTextLength);
        if (problem is not null) return problem;
        if (choice is { Length: 0 }) return Problems.Invalid("choice", "The choice is empty; send a candidate id.");

        var id = conversationId ?? Guid.NewGuid().ToString("N");
        var assistant = chat.Assistant;

        // The encoder, the router and the sentiment model run off the request thread.
        var reply = await Task.Run(() => choice is null
            ? assistant.Respond(id, message!)
            : assistant.Choose(id, message!, choice), context.RequestAborted);
        if (reply is null)
        {
            return Problems.Invalid("choice",
                $"\"{choice}\" is not one of the top candidates for this message; send one of their ids.");
        }

        return TypedResults.Ok(ToResponse(id, reply));
    }

    private static (string? Value, IResult? Problem) OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return (null, null);
        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, Problems.Invalid(name, $"\"{name}\" must be a JSON string."));
        }

        return JsonStrings.TryGetText(value, out var text)
            ? (text, null)
            : (null, Problems.Invalid(name, $"{name} {ClassifyRequestParser.LoneSurrogateProblem}"));
    }

    private static IResult? CheckConversationId(string? id)
    {
        if (id is null) return null;
        if (id.Length is 0 or > MaxConversationIdLength
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Problems.Invalid("conversationId",
                $"The conversation id must be 1 to {MaxConversationIdLength} ASCII letters, digits, '-' or '_'; " +
                "leave it out to start a new conversation.");
        }

        return null;
    }

    private static IResult? CheckMessage(string? message, int maxLength)
    {
        if (message is null) return Problems.Invalid("message", "Send the customer message as a JSON string in \"message\".");
        if (string.IsNullOrWhiteSpace(message)) return Problems.Invalid("message", "The message is empty.");
        return message.Length > maxLength
            ? Problems.Invalid("message", $"The message has {message.Length} characters; the limit is {maxLength}.")
            : null;
    }

    private static ChatResponse ToResponse(string conversationId, AssistantReply reply) => new(
        conversationId,
        reply.Turn.Id,
        reply.Decision,
        reply.Answer,
        reply.Turn.Score,
        reply.Turn.Margin,
        reply.Retrieval.Candidates.Select(c => new AnswerCandidate(c.Entry.Id, c.Entry.Question, c.Entry.Answer,
            c.Entry.Group, c.Score)).ToList(),
        reply.Intent,
        reply.Sentiment is { } s ? new ChatSentiment(s.Label, s.Score, s.Escalates) : null,
        reply.Summary is { } summary ? new ChatSummary(summary.ToText(), summary.Reason) : null);
}
