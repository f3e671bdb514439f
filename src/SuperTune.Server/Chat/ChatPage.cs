namespace SuperTune.Server.Chat;

/// <summary>
/// <c>GET /</c>: the support assistant's chat page, one HTML file embedded in this assembly that loads nothing
/// from other hosts and talks only to <c>POST /v1/chat</c>. Mapped only when the server has a knowledge base.
/// </summary>
internal static class ChatPage
{
    /// <summary>Path of the page, which <see cref="Middleware.ApiKeyMiddleware"/> leaves open.</summary>
    public const string Path = "/";

    // The page's own inline script and style, and requests to this origin, are all it may use.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Html = new(ReadHtml);

    public static void MapChatPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return TypedResults.Bytes(Html.Value, "text/html; charset=utf-8");
            })
            .WithName("ChatPage")
            .WithSummary("The support assistant's chat page.")
            .ExcludeFromDescription();
    }

    private static byte[] ReadHtml()
    {
        var assembly = typeof(ChatPage).Assembly;
        using var stream = assembly.GetManifestResourceStream("SuperTune.Server.Chat.chat.html")
            ?? throw new InvalidOperationException("The chat page resource is missing from SuperTune.Server.dll.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
