namespace SuperTune.Server.Api;

/// <summary>
/// RFC 7807 problem details for the API's errors. Each names the field at fault in <c>errors</c> and describes
/// the problem in <c>detail</c>. None contains exception text.
/// </summary>
internal static class Problems
{
    /// <summary>Field name for a problem with the request body as a whole.</summary>
    public const string Body = "body";

    /// <summary>400 for an invalid <paramref name="field"/>, such as <c>texts[3]</c>.</summary>
    public static IResult Invalid(string field, string message) =>
        Field(StatusCodes.Status400BadRequest, "The request is invalid.", field, message);

    /// <summary>A problem with <paramref name="status"/> that names <paramref name="field"/>.</summary>
    public static IResult Field(int status, string title, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            detail: message, statusCode: status, title: title);

    /// <summary>A problem that no single field caused.</summary>
    public static IResult General(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
